package io.phonegateway.client;

/** 504 {@code UPSTREAM_TIMEOUT}: The lookup's deadline passed. Send the same code again: if WeChat did answer, the gateway's stored result answers the retry. */
public final class UpstreamTimeoutException extends PhoneGatewayException {

    public static final String CODE = "UPSTREAM_TIMEOUT";

    UpstreamTimeoutException(ProblemDetails problem) {
        super(problem, true);
    }
}
