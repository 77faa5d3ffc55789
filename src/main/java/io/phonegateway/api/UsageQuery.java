package io.phonegateway.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import io.phonegateway.config.ChinaDay;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;

/**
 * The query of {@code GET /usage}, read strictly: {@code from} and {@code to} ISO dates (China days, both included;
 * default today, and {@code from} defaults to {@code to}), no longer than the ledger keeps, and an optional
 * {@code caller}. Every refusal names its parameter.
 */
record UsageQuery(LocalDate from, LocalDate to, Optional<String> app, Optional<String> caller) {

    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7E]{1,128}");

    static UsageQuery parse(String app, String from, String to, String caller, int retentionDays) {
        LocalDate last = date("to", to).orElseGet(ChinaDay::today);
        LocalDate first = date("from", from).orElse(last);
        if (first.isAfter(last)) {
            throw invalid("'from' (" + first + ") must not be after 'to' (" + last + ")");
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > retentionDays) {
            throw invalid("'from' to 'to' spans " + days + " days; the ledger keeps " + retentionDays
                    + " (phone-gateway.ledger.retention-days)");
        }
        return new UsageQuery(first, last, name("app", app), name("caller", caller));
    }

    private static Optional<LocalDate> date(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw invalid("'" + parameter + "' must be an ISO date such as 2026-12-01");
        }
    }

    private static Optional<String> name(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!NAME.matcher(value).matches()) {
            throw invalid("'" + parameter + "' must be 1 to 128 visible ASCII characters");
        }
        return Optional.of(value);
    }

    private static GatewayException invalid(String detail) {
        return GatewayException.of(ProblemCode.INVALID_REQUEST, detail);
    }
}
