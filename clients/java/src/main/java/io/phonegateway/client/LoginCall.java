package io.phonegateway.client;

import java.util.Objects;

/**
 * One {@code POST /login} call beyond the plain {@link PhoneGateway#login(String)}:
 * {@code gateway.login(LoginCall.of(loginCode).phoneCode(phoneCode).requestId(orderId))}.
 */
public final class LoginCall {

    private final String loginCode;
    private String phoneCode;
    private String appId;
    private String requestId;
    private String cloudbaseAccessToken;

    private LoginCall(String loginCode) {
        this.loginCode = Objects.requireNonNull(loginCode, "loginCode");
    }

    /** The code of the mini-program's {@code wx.login}. */
    public static LoginCall of(String loginCode) {
        return new LoginCall(loginCode);
    }

    /** A getPhoneNumber code of the same user: the answer then carries the phone number too. */
    public LoginCall phoneCode(String phoneCode) {
        this.phoneCode = phoneCode;
        return this;
    }

    /** The mini-program that issued the codes; needed when the gateway serves several apps and has no default. */
    public LoginCall appId(String appId) {
        this.appId = appId;
        return this;
    }

    /** Your id for this call, as for {@link PhoneLookup#requestId}; send the same id when you retry the same codes. */
    public LoginCall requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    /** Token mode {@code cloudbase} only: the caller's {@code cloudbase_access_token}. */
    public LoginCall cloudbaseAccessToken(String token) {
        this.cloudbaseAccessToken = token;
        return this;
    }

    String loginCode() {
        return loginCode;
    }

    String phoneCode() {
        return phoneCode;
    }

    String appId() {
        return appId;
    }

    String requestId() {
        return requestId;
    }

    String cloudbaseAccessToken() {
        return cloudbaseAccessToken;
    }
}
