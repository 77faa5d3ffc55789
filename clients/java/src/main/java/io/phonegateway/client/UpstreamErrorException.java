package io.phonegateway.client;

/** 502 {@code UPSTREAM_ERROR}: WeChat answered something unexpected (an unknown errcode, an HTTP error, an unusable answer); quote {@link #errcode()} and {@link #rid()}. */
public final class UpstreamErrorException extends PhoneGatewayException {

    public static final String CODE = "UPSTREAM_ERROR";

    UpstreamErrorException(ProblemDetails problem) {
        super(problem, false);
    }
}
