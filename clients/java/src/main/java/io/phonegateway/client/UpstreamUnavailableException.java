package io.phonegateway.client;

/** 503 {@code UPSTREAM_UNAVAILABLE}: WeChat could not be reached, kept rejecting a fresh token, or a circuit breaker is open. Send the same code again after {@link #retryAfter()}. */
public final class UpstreamUnavailableException extends PhoneGatewayException {

    public static final String CODE = "UPSTREAM_UNAVAILABLE";

    UpstreamUnavailableException(ProblemDetails problem) {
        super(problem, true);
    }
}
