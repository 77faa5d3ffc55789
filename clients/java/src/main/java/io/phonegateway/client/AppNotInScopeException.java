package io.phonegateway.client;

/** 403 {@code APP_NOT_IN_SCOPE}: this API key may not use the app the call names (its scope's {@code apps}). */
public final class AppNotInScopeException extends PhoneGatewayException {

    public static final String CODE = "APP_NOT_IN_SCOPE";

    AppNotInScopeException(ProblemDetails problem) {
        super(problem, false);
    }
}
