package io.phonegateway.client;

/** 429 {@code RATE_LIMITED}: This caller sent more lookups than its rate allows. Send the same code again after {@link #retryAfter()}. */
public final class RateLimitedException extends PhoneGatewayException {

    public static final String CODE = "RATE_LIMITED";

    RateLimitedException(ProblemDetails problem) {
        super(problem, true);
    }
}
