package io.phonegateway.client;

/** 503 {@code UPSTREAM_RATE_LIMITED}: WeChat's frequency or quota limit (45011: a minute, 45009: the day). Send the same code again after {@link #retryAfter()}. */
public final class UpstreamRateLimitedException extends PhoneGatewayException {

    public static final String CODE = "UPSTREAM_RATE_LIMITED";

    UpstreamRateLimitedException(ProblemDetails problem) {
        super(problem, true);
    }
}
