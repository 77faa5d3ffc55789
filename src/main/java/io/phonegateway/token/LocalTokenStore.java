package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** Tokens of this process only: for dev and single-instance use. */
class LocalTokenStore implements TokenStore {

    private final Map<TokenKey, AccessToken> tokens = new ConcurrentHashMap<>();
    private final SingleFlight<TokenKey, AccessToken> refreshes = new SingleFlight<>();
    private final ForceRefreshBudget budget = new ForceRefreshBudget();
    private final TokenMetrics metrics;

    LocalTokenStore(TokenMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Uni<AccessToken> current(TokenKey key) {
        return Uni.createFrom().item(tokens.get(key));
    }

    @Override
    public Uni<AccessToken> refresh(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch) {
        return refreshes.run(key, () -> {
            AccessToken held = tokens.get(key);
            if (held != null && usable.test(held)) {
                return Uni.createFrom().item(held);
            }
            return fetch.get().invoke(token -> tokens.merge(key, token, AccessToken::newer));
        });
    }

    @Override
    public Uni<Void> invalidate(TokenKey key, String rejectedValue) {
        tokens.computeIfPresent(key, (k, held) -> held.value().equals(rejectedValue) ? null : held);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> takeForcedRefresh(TokenKey key, int dailyLimit, Duration spacing) {
        Instant now = Instant.now();
        boolean taken = budget.take(key, dailyLimit, spacing, now);
        metrics.forceRefreshesUsed(key.appId(), budget.usedToday(key, now));
        return Uni.createFrom().item(taken);
    }
}
