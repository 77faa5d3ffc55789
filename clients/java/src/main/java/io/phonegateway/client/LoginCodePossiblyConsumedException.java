package io.phonegateway.client;

/** 502 {@code LOGIN_CODE_POSSIBLY_CONSUMED} ({@code POST /login}): an attempt whose answer was lost most likely spent the login code. Call wx.login again. */
public final class LoginCodePossiblyConsumedException extends PhoneGatewayException {

    public static final String CODE = "LOGIN_CODE_POSSIBLY_CONSUMED";

    LoginCodePossiblyConsumedException(ProblemDetails problem) {
        super(problem, false);
    }
}
