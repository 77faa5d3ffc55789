package io.phonegateway.wechat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * WeChat's HTTP API as the gateway uses it (README "Design", docs/tokens.md). Private to this package: everything else goes
 * through {@link WechatClient}, which classifies the answers. Bodies are read as raw strings because WeChat
 * sometimes labels JSON {@code text/plain}; {@link WechatAnswers} parses them. Null query parameters are
 * left out of the URL. The URL carries the token or secret, so it must never be logged.
 */
@RegisterRestClient(configKey = "wechat")
@Produces(MediaType.APPLICATION_JSON)
interface WechatApi {

    /**
     * At most one of the two tokens is non-null; both are null behind Cloud Hosting's open-interface service. The body
     * is {@link PhoneNumberRequest#json()}: bytes, so no JSON writer runs on the hot path.
     */
    @POST
    @Path("/wxa/business/getuserphonenumber")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> getUserPhoneNumber(@QueryParam("access_token") String accessToken,
            @QueryParam("cloudbase_access_token") String cloudbaseAccessToken, byte[] body);

    @POST
    @Path("/cgi-bin/stable_token")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> stableToken(StableTokenRequest body);

    /** The paid quota of a product ({@code spuId}); WeChat's documented example passes its parameters in the query. */
    @GET
    @Path("/wxa/charge/usage/get")
    Uni<RestResponse<String>> chargeUsage(@QueryParam("access_token") String accessToken,
            @QueryParam("cloudbase_access_token") String cloudbaseAccessToken, @QueryParam("spuId") String spuId,
            @QueryParam("offset") int offset, @QueryParam("limit") int limit);

    /** auth.code2Session: the AppSecret travels in the query (WeChat's design), so this URL must never be logged either. */
    @GET
    @Path("/sns/jscode2session")
    Uni<RestResponse<String>> jscode2session(@QueryParam("appid") String appId, @QueryParam("secret") String secret,
            @QueryParam("js_code") String jsCode, @QueryParam("grant_type") String grantType);

    @GET
    @Path("/cgi-bin/token")
    Uni<RestResponse<String>> token(@QueryParam("grant_type") String grantType, @QueryParam("appid") String appId,
            @QueryParam("secret") String secret);
}
