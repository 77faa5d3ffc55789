package io.phonegateway.config;

/** Where shared state is kept: tokens and results ({@code token.store}), rate limits ({@code rate-limit.store}). */
public enum StoreKind {
    /** Shared by every replica through Redis. */
    REDIS,
    /** This process only (dev, single instance). */
    LOCAL
}
