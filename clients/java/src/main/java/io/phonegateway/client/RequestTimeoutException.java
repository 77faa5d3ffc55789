package io.phonegateway.client;

/** 408 {@code REQUEST_TIMEOUT}: The request's body did not reach the gateway in time; nothing was looked up, so the same code may be sent again. */
public final class RequestTimeoutException extends PhoneGatewayException {

    public static final String CODE = "REQUEST_TIMEOUT";

    RequestTimeoutException(ProblemDetails problem) {
        super(problem, true);
    }
}
