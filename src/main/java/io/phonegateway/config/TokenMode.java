package io.phonegateway.config;

/** Where the gateway gets the credential it sends with a phone lookup (README "Token modes"). */
public enum TokenMode {
    /** {@code POST /cgi-bin/stable_token}: every caller gets the same token; the default. */
    STABLE,
    /** {@code GET /cgi-bin/token}: each fetch starts the expiry of the previous token. */
    CLASSIC,
    /** WeChat Cloud Hosting's open-interface service adds the credential itself: no token. */
    CLOUD,
    /** {@code cloudbase_access_token} pushed by WeChat Cloud Hosting. */
    CLOUDBASE;

    /** Whether the gateway fetches access tokens from WeChat itself (and so needs each app's AppSecret). */
    public boolean fetchesTokens() {
        return this == STABLE || this == CLASSIC;
    }
}
