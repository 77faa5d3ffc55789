package io.phonegateway.client;

/** 404 {@code NOT_FOUND}: No such path: the base URL given to {@link PhoneGateway#builder(java.net.URI)} is probably wrong. */
public final class NotFoundException extends PhoneGatewayException {

    public static final String CODE = "NOT_FOUND";

    NotFoundException(ProblemDetails problem) {
        super(problem, false);
    }
}
