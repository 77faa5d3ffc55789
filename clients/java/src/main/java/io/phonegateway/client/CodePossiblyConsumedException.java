package io.phonegateway.client;

/** 502 {@code CODE_POSSIBLY_CONSUMED}: An attempt whose answer was lost was retried and WeChat then said 40029: the code is spent. Ask the user to tap again. */
public final class CodePossiblyConsumedException extends PhoneGatewayException {

    public static final String CODE = "CODE_POSSIBLY_CONSUMED";

    CodePossiblyConsumedException(ProblemDetails problem) {
        super(problem, false);
    }
}
