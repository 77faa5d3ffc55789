package io.phonegateway.config;

import java.time.Duration;

/**
 * The fixed histogram buckets every timer of phone-gateway publishes, rather than Micrometer's ~70 percentile
 * buckets: one set, so dashboards and alerts can compare series.
 */
public final class MeterBuckets {

    /** Requests and calls: 5 ms to 10 s. */
    public static final Duration[] REQUEST = { ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
            ms(2000), ms(3000), ms(5000), ms(10_000) };
    /** Waits for another replica's work under a fleet-wide lock: 10 ms to 5 s. */
    public static final Duration[] LOCK_WAIT = { ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
            ms(2500), ms(5000) };

    private MeterBuckets() {
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
