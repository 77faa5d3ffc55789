package io.phonegateway.ratelimit;

import java.time.Duration;

/**
 * Whether one request of a caller may go on.
 *
 * @param allowed true when the caller is within its limit
 * @param retryAfter when refused, how long until the caller's next request would be allowed
 * @param granted permits Redis granted for this decision (a lease: more than 1); 1 when counted locally, 0 when
 *        refused
 */
public record RateDecision(boolean allowed, Duration retryAfter, int granted) {

    static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO, 1);

    static RateDecision allowed(int granted) {
        return granted == 1 ? ALLOWED : new RateDecision(true, Duration.ZERO, granted);
    }

    static RateDecision refused(Duration retryAfter) {
        return new RateDecision(false, retryAfter, 0);
    }
}
