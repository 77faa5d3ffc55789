package io.phonegateway.client;

/** 502 {@code UPSTREAM_AUTH_FAILED}: WeChat rejected the app's credentials, permissions or the gateway's IP; the gateway's operators must act, the same code will fail the same way. */
public final class UpstreamAuthFailedException extends PhoneGatewayException {

    public static final String CODE = "UPSTREAM_AUTH_FAILED";

    UpstreamAuthFailedException(ProblemDetails problem) {
        super(problem, false);
    }
}
