package io.phonegateway.simulator;

import java.time.Instant;

/**
 * A login code as {@code wx.login} would hand it out: for one app and one user (openid, and unionid when the app is
 * bound to an Open Platform account); single-use; valid until {@code expiresAt}. {@code sessionKey} is what
 * jscode2session answers with it (tests choose it, to prove the gateway never passes it on).
 */
record MintedLogin(String appId, String openid, String unionid, String sessionKey, Instant expiresAt) {

    @Override
    public String toString() {
        return "MintedLogin[appId=" + appId + "]";
    }
}
