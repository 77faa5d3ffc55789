package io.phonegateway.ratelimit;

/**
 * The permits of one caller that this replica took from the caller's fleet-wide bucket ahead of time, so most of its
 * requests pass without a Redis round trip (issue 16). A lease is spent by this replica alone and dropped after its
 * lifetime. One refill at a time: while it is on its way, other requests of the caller ask Redis for one permit each,
 * so a replica never holds more than one lease of a caller. Each refill is sized by the rate at which the previous
 * lease was spent: a quarter of what that rate spends in a lifetime, at least 1, at most {@code max}; after a lease
 * dropped unspent (demand fell), the next is 1. A refusal is remembered until the bucket can hold a permit again
 * (Redis said when; no replica can make one sooner), so a caller over its limit costs no round trip either.
 */
final class PermitLease {

    private final int max;
    private final long lifetimeNanos;
    private int left;
    private long expiresAt;
    private long lastRefillAt;
    private int lastSize;
    private boolean droppedUnspent = true;
    private boolean refilling;
    private long refusedUntil;
    private boolean refused;

    PermitLease(int max, long lifetimeNanos) {
        this.max = max;
        this.lifetimeNanos = lifetimeNanos;
    }

    /** Nanoseconds until the caller's bucket holds a permit again, as the last refusal said; 0 when not refused. */
    synchronized long refusedFor(long now) {
        if (!refused) {
            return 0;
        }
        long left = refusedUntil - now;
        if (left <= 0) {
            refused = false;
            return 0;
        }
        return left;
    }

    /** Redis (or the local count) refused: no permit for {@code retryNanos}. */
    synchronized void refused(long now, long retryNanos) {
        refused = true;
        refusedUntil = now + retryNanos;
    }

    /** Takes one leased permit if one is left and the lease is still alive. */
    synchronized boolean take(long now) {
        if (left > 0 && now - expiresAt < 0) {
            left--;
            return true;
        }
        if (left > 0) {
            left = 0;
            droppedUnspent = true;
        }
        return false;
    }

    /** The permits a refill should ask for now, or 0 when another refill is on its way (then ask for one alone). */
    synchronized int refillSize(long now) {
        if (refilling) {
            return 0;
        }
        refilling = true;
        if (droppedUnspent || lastSize == 0) {
            return 1;
        }
        double perLifetime = lastSize * (double) lifetimeNanos / Math.max(1, now - lastRefillAt);
        return (int) Math.max(1, Math.min(max, perLifetime / 4));
    }

    /** The refill's answer: {@code granted} permits (0: refused), one of them the asking request's own. */
    synchronized void refilled(int granted, long now) {
        refilling = false;
        if (granted < 1) {
            return;
        }
        left = granted - 1;
        lastSize = granted;
        lastRefillAt = now;
        expiresAt = now + lifetimeNanos;
        droppedUnspent = false;
    }

    /** A refill that failed (Redis did not answer) leaves the lease empty and free to be refilled. */
    synchronized void refillFailed() {
        refilling = false;
    }
}
