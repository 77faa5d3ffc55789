package io.phonegateway.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of the control API's requests, checked by hand: a request notes the message of each rule it breaks, and
 * the alphabetically first answers (the one the control API has always named).
 */
final class ControlChecks {

    /** A control request's body: the first of its broken rules, if any. */
    interface Checked {
        Optional<String> problem();
    }

    private final List<String> broken = new ArrayList<>();

    /** Notes {@code message} unless the rule {@code holds}. */
    ControlChecks require(boolean holds, String message) {
        if (!holds) {
            broken.add(message);
        }
        return this;
    }

    /** Notes another check's problem. */
    ControlChecks and(Optional<String> problem) {
        problem.ifPresent(broken::add);
        return this;
    }

    /** The alphabetically first message of a broken rule. */
    Optional<String> first() {
        return broken.stream().sorted().findFirst();
    }

    /** {@code request}'s first problem; {@code missing} when there is no body (none, or JSON {@code null}). */
    static Optional<String> problem(Checked request, String missing) {
        return request == null ? Optional.of(missing) : request.problem();
    }

    /** Not null and not only whitespace. */
    static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** No value, or one that {@code pattern} matches whole. */
    static boolean matches(Pattern pattern, String value) {
        return value == null || pattern.matcher(value).matches();
    }

    /** No value, or one of 0 or more. */
    static boolean zeroOrMore(Number value) {
        return value == null || value.longValue() >= 0;
    }

    /** No value, or one of 1 or more. */
    static boolean positive(Number value) {
        return value == null || value.longValue() > 0;
    }
}
