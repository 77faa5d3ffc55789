package io.phonegateway.simulator;

import java.time.Instant;

/**
 * A phone code as the getPhoneNumber button would hand it out: bound to one app, one phone number and,
 * when given, one openid; single-use; valid until {@code expiresAt}.
 */
record MintedCode(String appId, String phoneNumber, String purePhoneNumber, String countryCode, String openid,
        boolean countryCodeAsNumber, Instant expiresAt) {

    @Override
    public String toString() {
        return "MintedCode[appId=" + appId + "]";
    }
}
