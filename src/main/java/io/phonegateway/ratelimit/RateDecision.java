package io.phonegateway.ratelimit;

import java.time.Duration;

/**
 * Whether one request of a caller may go on.
 *
 * @param allowed true when the caller is within its limit
 * @param retryAfter when refused, how long until the caller's next request would be allowed
 */
public record RateDecision(boolean allowed, Duration retryAfter) {

    static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO);

    static RateDecision refused(Duration retryAfter) {
        return new RateDecision(false, retryAfter);
    }
}
