package io.phonegateway.client;

/** 429 {@code LOGIN_RATE_LIMITED} ({@code POST /login}): this user passed WeChat's login limit (45011); wait {@link #retryAfter()} and call wx.login again. */
public final class LoginRateLimitedException extends PhoneGatewayException {

    public static final String CODE = "LOGIN_RATE_LIMITED";

    LoginRateLimitedException(ProblemDetails problem) {
        super(problem, false);
    }
}
