package io.phonegateway.client;

/** 403 {@code ADMIN_SCOPE_REQUIRED} ({@code GET /usage}): this API key's scope is not {@code admin}. */
public final class AdminScopeRequiredException extends PhoneGatewayException {

    public static final String CODE = "ADMIN_SCOPE_REQUIRED";

    AdminScopeRequiredException(ProblemDetails problem) {
        super(problem, false);
    }
}
