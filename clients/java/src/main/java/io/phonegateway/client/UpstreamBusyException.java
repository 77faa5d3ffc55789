package io.phonegateway.client;

/** 503 {@code UPSTREAM_BUSY}: WeChat answered busy (-1) through the gateway's own retries. Send the same code again after {@link #retryAfter()}. */
public final class UpstreamBusyException extends PhoneGatewayException {

    public static final String CODE = "UPSTREAM_BUSY";

    UpstreamBusyException(ProblemDetails problem) {
        super(problem, true);
    }
}
