package io.phonegateway.client;

/** 422 {@code INVALID_LOGIN_CODE} ({@code POST /login}): WeChat says the login code does not exist, expired or was already used (40029, 40163). Call wx.login again. */
public final class InvalidLoginCodeException extends PhoneGatewayException {

    public static final String CODE = "INVALID_LOGIN_CODE";

    InvalidLoginCodeException(ProblemDetails problem) {
        super(problem, false);
    }
}
