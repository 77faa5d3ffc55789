package io.phonegateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The same GCRA as {@code lua/rate-limit.lua}, counted in this process: the limit of the {@code local} store, and
 * of every replica while Redis is down (each replica then lets a caller through at its full rate).
 */
final class LocalRateCounter {

    private final Map<String, Long> nextArrivalMicros = new ConcurrentHashMap<>();
    private final LongSupplier nowMicros;

    LocalRateCounter() {
        this(() -> System.nanoTime() / 1000);
    }

    LocalRateCounter(LongSupplier nowMicros) {
        this.nowMicros = nowMicros;
    }

    RateDecision acquire(String caller, Rate rate) {
        long now = nowMicros.getAsLong();
        long capacity = rate.burst() * rate.intervalMicros();
        long[] wait = { 0 };
        nextArrivalMicros.compute(caller, (k, tat) -> {
            long next = Math.max(tat == null ? now : tat, now) + rate.intervalMicros();
            wait[0] = next - now - capacity;
            return wait[0] > 0 ? tat : next;
        });
        return wait[0] > 0 ? RateDecision.refused(Duration.ofNanos(wait[0] * 1000)) : RateDecision.ALLOWED;
    }
}
