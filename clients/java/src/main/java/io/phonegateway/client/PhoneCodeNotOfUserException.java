package io.phonegateway.client;

/** 422 {@code PHONE_CODE_NOT_OF_USER} ({@code POST /login}): WeChat refused the phone code for the logged-in user. */
public final class PhoneCodeNotOfUserException extends PhoneGatewayException {

    public static final String CODE = "PHONE_CODE_NOT_OF_USER";

    PhoneCodeNotOfUserException(ProblemDetails problem) {
        super(problem, false);
    }
}
