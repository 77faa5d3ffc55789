package io.phonegateway.lookup;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened inside one lookup, for its log line and metrics: how many times WeChat was asked again, and
 * whether the answer came from the result cache. Filled by {@link PhoneLookupService}, read by the api layer.
 */
public final class LookupTrace {

    private final AtomicInteger retries = new AtomicInteger();
    private volatile boolean fromResultCache;

    public void retried() {
        retries.incrementAndGet();
    }

    public int retries() {
        return retries.get();
    }

    public void servedFromResultCache() {
        fromResultCache = true;
    }

    public boolean fromResultCache() {
        return fromResultCache;
    }
}
