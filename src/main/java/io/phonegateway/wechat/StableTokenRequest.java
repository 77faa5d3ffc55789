package io.phonegateway.wechat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Body of {@code /cgi-bin/stable_token}:
 * {@code {"grant_type":"client_credential","appid":"...","secret":"...","force_refresh":false}}.
 * {@code force_refresh} is always written, never left to WeChat's default (peer SDKs hard-coded it).
 */
@JsonPropertyOrder({ "grant_type", "appid", "secret", "force_refresh" })
record StableTokenRequest(
        @JsonProperty("grant_type") String grantType,
        @JsonProperty("appid") String appId,
        @JsonProperty("secret") String secret,
        @JsonProperty("force_refresh") boolean forceRefresh) {

    static final String CLIENT_CREDENTIAL = "client_credential";

    static StableTokenRequest of(String appId, String secret, boolean forceRefresh) {
        return new StableTokenRequest(CLIENT_CREDENTIAL, appId, secret, forceRefresh);
    }

    @Override
    public String toString() {
        return "StableTokenRequest[appId=" + appId + ", forceRefresh=" + forceRefresh + "]";
    }
}
