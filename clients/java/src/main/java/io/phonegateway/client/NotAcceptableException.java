package io.phonegateway.client;

/** 406 {@code NOT_ACCEPTABLE}: The gateway answers JSON only; something between the client and the gateway changed the Accept header. */
public final class NotAcceptableException extends PhoneGatewayException {

    public static final String CODE = "NOT_ACCEPTABLE";

    NotAcceptableException(ProblemDetails problem) {
        super(problem, false);
    }
}
