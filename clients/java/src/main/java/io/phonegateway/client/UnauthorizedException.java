package io.phonegateway.client;

/** 401 {@code UNAUTHORIZED}: The API key is missing or wrong. Check the key given to {@link PhoneGateway.Builder#apiKey(String)}. */
public final class UnauthorizedException extends PhoneGatewayException {

    public static final String CODE = "UNAUTHORIZED";

    UnauthorizedException(ProblemDetails problem) {
        super(problem, false);
    }
}
