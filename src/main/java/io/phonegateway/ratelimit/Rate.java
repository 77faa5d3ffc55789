package io.phonegateway.ratelimit;

import java.time.Duration;

import io.phonegateway.config.GatewayConfig;

/**
 * One caller's limit as GCRA sees it: one request every {@code interval} on average, {@code burst} at once.
 *
 * @param intervalMicros microseconds between two requests at the sustained rate (at least 1)
 * @param burst requests allowed at once after a quiet time
 */
record Rate(long intervalMicros, int burst) {

    /** The limit of {@code caller}: its own entry where it has one, the defaults for what the entry leaves out. */
    static Rate of(GatewayConfig.RateLimit config, String caller) {
        GatewayConfig.CallerLimit own = config.callers().get(caller);
        int requests = own == null ? config.requests() : own.requests().orElse(config.requests());
        Duration period = own == null ? config.period() : own.period().orElse(config.period());
        int burst = own == null ? config.burst() : own.burst().orElse(config.burst());
        return of(requests, period, burst);
    }

    static Rate of(int requests, Duration period, int burst) {
        long micros = period.toNanos() / 1000;
        return new Rate(Math.max(1, micros / Math.max(1, requests)), Math.max(1, burst));
    }
}
