package io.phonegateway.client;

/** 503 {@code LEDGER_UNAVAILABLE} ({@code GET /usage}): the ledger cannot be read now; ask again after {@code retryAfter()}. */
public final class LedgerUnavailableException extends PhoneGatewayException {

    public static final String CODE = "LEDGER_UNAVAILABLE";

    LedgerUnavailableException(ProblemDetails problem) {
        super(problem, true);
    }
}
