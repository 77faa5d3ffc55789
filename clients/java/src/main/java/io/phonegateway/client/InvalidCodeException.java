package io.phonegateway.client;

/** 422 {@code INVALID_CODE}: WeChat says the code does not exist, expired or was already used (errcode 40029). Ask the user to tap the button again. */
public final class InvalidCodeException extends PhoneGatewayException {

    public static final String CODE = "INVALID_CODE";

    InvalidCodeException(ProblemDetails problem) {
        super(problem, false);
    }
}
