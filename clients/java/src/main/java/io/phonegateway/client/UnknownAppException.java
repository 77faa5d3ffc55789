package io.phonegateway.client;

/** 400 {@code UNKNOWN_APP}: {@code appId} is not configured on the gateway, or was left out while several apps are and none is the default. Fix the call or the gateway's configuration. */
public final class UnknownAppException extends PhoneGatewayException {

    public static final String CODE = "UNKNOWN_APP";

    UnknownAppException(ProblemDetails problem) {
        super(problem, false);
    }
}
