package io.phonegateway.client;

/** 400 {@code INVALID_REQUEST}: The request is invalid: {@code code} missing, blank, longer than 128 or with other than visible ASCII characters, or a field of the wrong type. Fix the call. */
public final class InvalidRequestException extends PhoneGatewayException {

    public static final String CODE = "INVALID_REQUEST";

    InvalidRequestException(ProblemDetails problem) {
        super(problem, false);
    }
}
