package io.phonegateway.config;

/** Where the per-caller rate limits are counted. */
public enum RateLimitStore {
    /** One count per caller, shared by every replica through Redis. */
    REDIS,
    /** Each replica counts on its own (dev, single instance). */
    LOCAL
}
