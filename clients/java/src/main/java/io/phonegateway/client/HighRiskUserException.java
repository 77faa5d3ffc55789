package io.phonegateway.client;

/** 403 {@code HIGH_RISK_USER} ({@code POST /login}): WeChat blocks this user's login as high-risk (errcode 40226). */
public final class HighRiskUserException extends PhoneGatewayException {

    public static final String CODE = "HIGH_RISK_USER";

    HighRiskUserException(ProblemDetails problem) {
        super(problem, false);
    }
}
