package io.phonegateway.client;

/** 415 {@code UNSUPPORTED_MEDIA_TYPE}: The body was not sent as application/json; something between the client and the gateway changed it. */
public final class UnsupportedMediaTypeException extends PhoneGatewayException {

    public static final String CODE = "UNSUPPORTED_MEDIA_TYPE";

    UnsupportedMediaTypeException(ProblemDetails problem) {
        super(problem, false);
    }
}
