package io.phonegateway.client;

/** 405 {@code METHOD_NOT_ALLOWED}: Not a method of the path: the base URL is probably wrong. */
public final class MethodNotAllowedException extends PhoneGatewayException {

    public static final String CODE = "METHOD_NOT_ALLOWED";

    MethodNotAllowedException(ProblemDetails problem) {
        super(problem, false);
    }
}
