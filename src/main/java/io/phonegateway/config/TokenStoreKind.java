package io.phonegateway.config;

/** Where access tokens are kept. */
public enum TokenStoreKind {
    /** Shared by every replica through Redis. */
    REDIS,
    /** This process only (dev, single instance). */
    LOCAL
}
