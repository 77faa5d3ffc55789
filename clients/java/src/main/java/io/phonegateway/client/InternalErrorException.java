package io.phonegateway.client;

/** 500 {@code INTERNAL_ERROR}: The gateway failed unexpectedly; quote {@link #requestId()} to its operators. */
public final class InternalErrorException extends PhoneGatewayException {

    public static final String CODE = "INTERNAL_ERROR";

    InternalErrorException(ProblemDetails problem) {
        super(problem, false);
    }
}
