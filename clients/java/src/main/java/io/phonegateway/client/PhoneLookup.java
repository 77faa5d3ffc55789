package io.phonegateway.client;

import java.util.Objects;

/**
 * One {@code POST /phone} call beyond the plain {@link PhoneGateway#lookup(String)}:
 * {@code gateway.lookup(PhoneLookup.of(code).appId("wx4f4bc4dec97d474b").requestId(orderId))}.
 */
public final class PhoneLookup {

    private final String code;
    private String appId;
    private String openid;
    private String requestId;
    private String cloudbaseAccessToken;

    private PhoneLookup(String code) {
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The code from the mini-program's getPhoneNumber button. */
    public static PhoneLookup of(String code) {
        return new PhoneLookup(code);
    }

    /** The mini-program that issued the code; needed when the gateway serves several apps and has no default. */
    public PhoneLookup appId(String appId) {
        this.appId = appId;
        return this;
    }

    /** The user's openid: WeChat then checks that the code belongs to that user. */
    public PhoneLookup openid(String openid) {
        this.openid = openid;
        return this;
    }

    /**
     * Your id for this call (at most 64 of {@code A-Z a-z 0-9 . _ : -}), echoed by the gateway and in its logs. Send the
     * same id when you retry the same code. Without one the client makes a UUID.
     */
    public PhoneLookup requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    /** Token mode {@code cloudbase} only: the caller's {@code cloudbase_access_token}. */
    public PhoneLookup cloudbaseAccessToken(String token) {
        this.cloudbaseAccessToken = token;
        return this;
    }

    String code() {
        return code;
    }

    String appId() {
        return appId;
    }

    String openid() {
        return openid;
    }

    String requestId() {
        return requestId;
    }

    String cloudbaseAccessToken() {
        return cloudbaseAccessToken;
    }
}
