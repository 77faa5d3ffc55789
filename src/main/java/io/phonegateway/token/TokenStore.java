package io.phonegateway.token;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Where access tokens live between lookups: {@code local} (this process) or {@code redis} (every replica).
 * A store owns the single-flight of refreshes, so that one fetch serves everybody who needs a new token:
 * within the process for the local store, across the fleet for the Redis store.
 */
public interface TokenStore {

    /** The token held for {@code key}, or a null item when there is none. */
    Uni<AccessToken> current(TokenKey key);

    /**
     * Returns a token that {@code usable} accepts: the held one if it still is (another caller may just have
     * refreshed it), else the result of {@code fetch}, stored. At most one fetch per key runs at a time;
     * concurrent callers wait for it.
     */
    Uni<AccessToken> refresh(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch);

    /** Forgets the token of {@code key}, but only while it is still the rejected one (compare-and-delete). */
    Uni<Void> invalidate(TokenKey key, String rejectedValue);

    /**
     * Takes one forced refresh from the key's daily budget ({@code dailyLimit} a day in China time, at least
     * {@code spacing} apart): true when one was left. Fleet-wide for the Redis store.
     */
    Uni<Boolean> takeForcedRefresh(TokenKey key, int dailyLimit, Duration spacing);
}
