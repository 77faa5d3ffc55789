package io.phonegateway.client;

/** 413 {@code PAYLOAD_TOO_LARGE}: The body was over 4 KiB. Fix the call. */
public final class PayloadTooLargeException extends PhoneGatewayException {

    public static final String CODE = "PAYLOAD_TOO_LARGE";

    PayloadTooLargeException(ProblemDetails problem) {
        super(problem, false);
    }
}
