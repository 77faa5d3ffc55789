package io.phonegateway.client;

/** 501 {@code NOT_IMPLEMENTED}: The request used a transfer coding the gateway does not support; send the body as it is. */
public final class NotImplementedException extends PhoneGatewayException {

    public static final String CODE = "NOT_IMPLEMENTED";

    NotImplementedException(ProblemDetails problem) {
        super(problem, false);
    }
}
