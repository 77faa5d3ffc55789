package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.redis.LuaScripts;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.redis.RedisStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Tokens shared by every replica through Redis (keys: {@link RedisKeys}).
 * <ul>
 * <li>Near cache: a token read from Redis is used for {@code near-cache-ttl} without asking Redis again; after that,
 * a still usable token keeps serving while one background read refreshes the near copy.</li>
 * <li>One refresh for the fleet: {@code SET NX PX} lock with a random owner, released by compare-and-delete;
 * replicas that lose the race poll the token key until the winner's token appears, up to {@code fetch-timeout}.</li>
 * <li>Writes never replace a token with an older one; invalidation deletes only the rejected token.</li>
 * <li>Redis down: the near copy keeps serving; stable mode fetches directly, at most once per
 * {@code direct-fetch-interval}; classic mode never fetches without the lock (that would start a token war).</li>
 * </ul>
 */
class RedisTokenStore implements TokenStore {

    private record Near(AccessToken token, Instant readAt) {
    }

    private final RedisCommands redis;
    private final GatewayConfig.Token config;
    private final Map<TokenKey, Near> near = new ConcurrentHashMap<>();
    private final Map<TokenKey, Instant> lastDirectFetch = new ConcurrentHashMap<>();
    private final SingleFlight<TokenKey, AccessToken> reads = new SingleFlight<>();
    private final SingleFlight<TokenKey, AccessToken> refreshes = new SingleFlight<>();
    private final ForceRefreshBudget localBudget = new ForceRefreshBudget();
    private final TokenMetrics metrics;

    RedisTokenStore(Redis redis, RedisStatus status, GatewayConfig.Token config, TokenMetrics metrics) {
        this.redis = new RedisCommands(redis, status, config.redisTimeout());
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public Uni<AccessToken> current(TokenKey key) {
        Near held = near.get(key);
        Instant now = Instant.now();
        if (held != null && held.readAt().plus(config.nearCacheTtl()).isAfter(now)) {
            return Uni.createFrom().item(held.token());
        }
        if (held != null && held.token().usableAt(now, config.expiryMargin())) {
            // aged but still good: serve it and re-read Redis behind this lookup, so no lookup waits on Redis for
            // a token in steady state (a token another replica replaced meanwhile is caught by the rejected-token retry)
            reads.run(key, () -> read(key)).subscribe().with(token -> {
            }, failure -> {
            });
            return Uni.createFrom().item(held.token());
        }
        // one Redis read per key at a time: a burst of lookups after the near copy aged shares it
        return reads.run(key, () -> read(key)).onFailure(RedisCommands.RedisDown.class)
                .recoverWithItem(() -> held == null ? null : held.token());
    }

    @Override
    public Uni<AccessToken> refresh(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch) {
        Instant deadline = Instant.now().plus(config.fetchTimeout());
        return refreshes.run(key, () -> attempt(key, usable, fetch, deadline, 0)
                .onFailure(RedisCommands.RedisDown.class).recoverWithUni(() -> withoutRedis(key, usable, fetch)));
    }

    /** @param waitingSince {@link System#nanoTime()} when this refresh first found the lock taken, 0 if it has not */
    private Uni<AccessToken> attempt(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch,
            Instant deadline, long waitingSince) {
        String owner = UUID.randomUUID().toString();
        return redis.execute("SET", RedisKeys.tokenLock(key.appId(), key.mode()), owner, "NX", "PX", millis(config.lockLease()))
                .chain(reply -> {
                    if (reply != null) {
                        lockWaitEnded(key, waitingSince);
                        return refreshUnderLock(key, usable, fetch, owner);
                    }
                    return awaitWinner(key, usable, fetch, deadline, waitingSince == 0 ? System.nanoTime() : waitingSince);
                });
    }

    private void lockWaitEnded(TokenKey key, long waitingSince) {
        if (waitingSince != 0) {
            metrics.lockWaited(key.appId(), Duration.ofNanos(System.nanoTime() - waitingSince));
        }
    }

    /** Double-check under the lock (the previous holder may just have stored a token), else fetch and store. */
    private Uni<AccessToken> refreshUnderLock(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch,
            String owner) {
        return read(key)
                .chain(held -> held != null && usable.test(held)
                        ? Uni.createFrom().item(held)
                        : fetch.get().call(token -> write(key, token)))
                .eventually(
                        () -> redis.eval(LuaScripts.LOCK_RELEASE, List.of(RedisKeys.tokenLock(key.appId(), key.mode())), owner)
                                .onFailure().recoverWithNull());
    }

    /** Another replica holds the lock: poll the token key for its result, take over if it gave up. */
    private Uni<AccessToken> awaitWinner(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch,
            Instant deadline, long waitingSince) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(config.pollInterval())
                .chain(() -> read(key))
                .chain(token -> {
                    if (token != null && usable.test(token)) {
                        lockWaitEnded(key, waitingSince);
                        return Uni.createFrom().item(token);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        lockWaitEnded(key, waitingSince);
                        return Uni.createFrom().failure(GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE,
                                "No access token could be had in time: another replica's fetch did not finish")
                                .retryAfter(GatewayException.DEFAULT_RETRY_AFTER));
                    }
                    return attempt(key, usable, fetch, deadline, waitingSince);
                });
    }

    private Uni<AccessToken> withoutRedis(TokenKey key, Predicate<AccessToken> usable, Supplier<Uni<AccessToken>> fetch) {
        Instant now = Instant.now();
        AccessToken held = near.containsKey(key) ? near.get(key).token() : null;
        if (held != null && usable.test(held)) {
            return Uni.createFrom().item(held);
        }
        boolean fetchAllowed = key.mode() == TokenMode.STABLE && lastDirectFetch.getOrDefault(key, Instant.EPOCH)
                .plus(config.directFetchInterval()).isBefore(now);
        if (fetchAllowed) {
            lastDirectFetch.put(key, now);
            return fetch.get().invoke(token -> remember(key, token));
        }
        if (held != null && !held.expiredAt(now)) {
            return Uni.createFrom().item(held); // dying, but still valid: better than nothing
        }
        return Uni.createFrom().failure(GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE,
                key.mode() == TokenMode.STABLE
                        ? "Redis is unavailable and this replica fetched a token moments ago"
                        : "Redis is unavailable; classic mode fetches tokens only under the fleet-wide lock")
                .retryAfter(GatewayException.DEFAULT_RETRY_AFTER));
    }

    @Override
    public Uni<Void> invalidate(TokenKey key, String rejectedValue) {
        near.computeIfPresent(key, (k, held) -> held.token().value().equals(rejectedValue) ? null : held);
        return redis.eval(LuaScripts.TOKEN_INVALIDATE, List.of(RedisKeys.token(key.appId(), key.mode())), rejectedValue)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> takeForcedRefresh(TokenKey key, int dailyLimit, Duration spacing) {
        Instant now = Instant.now();
        String budget = RedisKeys.forceRefreshBudget(key.appId(), key.mode(), ChinaDay.of(now));
        return redis.eval(LuaScripts.FORCE_REFRESH_BUDGET, List.of(budget), Long.toString(now.toEpochMilli()),
                millis(spacing), Integer.toString(dailyLimit), millis(Duration.ofDays(2)))
                .map(reply -> {
                    long used = reply.toLong(); // used today including this one; -1: spent; -2: too soon
                    if (used > 0 || used == -1) {
                        metrics.forceRefreshesUsed(key.appId(), used > 0 ? (int) used : dailyLimit);
                    }
                    return used > 0;
                })
                .onFailure(RedisCommands.RedisDown.class)
                .recoverWithItem(() -> localBudget.take(key, dailyLimit, spacing, now));
    }

    private Uni<AccessToken> read(TokenKey key) {
        return redis.execute("HMGET", RedisKeys.token(key.appId(), key.mode()), "value", "expires_at", "fetched_at")
                .map(RedisTokenStore::parse)
                .invoke(token -> remember(key, token));
    }

    private Uni<Void> write(TokenKey key, AccessToken token) {
        remember(key, token);
        long ttl = Math.max(1, Duration.between(Instant.now(), token.expiresAt()).toMillis());
        return redis.eval(LuaScripts.TOKEN_WRITE, List.of(RedisKeys.token(key.appId(), key.mode())), token.value(),
                Long.toString(token.expiresAt().toEpochMilli()), Long.toString(token.fetchedAt().toEpochMilli()),
                Long.toString(ttl))
                .onFailure().recoverWithNull() // the token is kept near; other replicas fetch their own
                .replaceWithVoid();
    }

    private void remember(TokenKey key, AccessToken token) {
        if (token == null) {
            near.remove(key);
        } else {
            near.put(key, new Near(token, Instant.now()));
        }
    }

    private static AccessToken parse(Response reply) {
        if (reply == null || reply.size() < 3 || reply.get(0) == null || reply.get(1) == null || reply.get(2) == null) {
            return null;
        }
        return new AccessToken(reply.get(0).toString(), Instant.ofEpochMilli(reply.get(1).toLong()),
                Instant.ofEpochMilli(reply.get(2).toLong()));
    }

    private static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }
}
