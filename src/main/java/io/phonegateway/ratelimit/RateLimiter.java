package io.phonegateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.StoreKind;
import io.phonegateway.redis.LuaScripts;
import io.phonegateway.redis.RedisKeys;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Per-caller rate limits ({@code phone-gateway.rate-limit.*}): one GCRA count per caller, shared by every replica
 * through one Lua script in Redis. Redis gets {@code redis-timeout} to answer; when it does not (down, slow), this
 * replica counts alone for {@code redis-retry-interval}, so a request never waits on a dead Redis twice in a row.
 */
@ApplicationScoped
public class RateLimiter {

    /** Local counts of failed authentications are kept apart from callers' by this prefix (no caller name has it). */
    private static final String FAILURES = "\u0000auth-failures:";

    private final GatewayConfig.RateLimit config;
    private final GatewayConfig.FailureLimit failureLimit;
    private final Rate failureRate;
    private final Instance<ReactiveRedisDataSource> redis;
    private final LocalRateCounter local = new LocalRateCounter();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} until which Redis is not asked; 0 while Redis answers. */
    private final AtomicLong aloneUntil = new AtomicLong();

    RateLimiter(GatewayConfig config, Instance<ReactiveRedisDataSource> redis) {
        this.config = config.rateLimit();
        this.redis = redis;
        this.failureLimit = config.auth().failureLimit();
        this.failureRate = Rate.of(failureLimit.requests(), failureLimit.period(), failureLimit.burst());
    }

    /** Takes one request from {@code caller}'s limit. Never fails, and waits at most {@code redis-timeout}. */
    public Uni<RateDecision> acquire(String caller) {
        if (!config.enabled()) {
            return Uni.createFrom().item(RateDecision.ALLOWED);
        }
        return acquire(caller, rates.computeIfAbsent(caller, name -> Rate.of(config, name)));
    }

    /**
     * Counts one failed authentication of {@code address} ({@code phone-gateway.auth.failure-limit}), in its own key,
     * the same way: on by itself, whatever {@code rate-limit.enabled} says.
     */
    public Uni<RateDecision> acquireFailedAuthentication(String address) {
        if (!failureLimit.enabled()) {
            return Uni.createFrom().item(RateDecision.ALLOWED);
        }
        return acquire(FAILURES + address, RedisKeys.failedAuthentications(address), failureRate);
    }

    Uni<RateDecision> acquire(String caller, Rate rate) {
        return acquire(caller, key(caller), rate);
    }

    private Uni<RateDecision> acquire(String caller, String key, Rate rate) {
        if (config.store() == StoreKind.LOCAL || countingAlone()) {
            return Uni.createFrom().item(() -> local.acquire(caller, rate));
        }
        return Uni.createFrom().deferred(() -> redis.get().execute("EVAL", LuaScripts.RATE_LIMIT, "1", key,
                Long.toString(rate.intervalMicros()), Integer.toString(rate.burst())))
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(RateLimiter::decision)
                .invoke(this::redisAnswered)
                .onFailure().recoverWithItem(failure -> {
                    redisFailed(failure);
                    return local.acquire(caller, rate);
                });
    }

    static String key(String caller) {
        return RedisKeys.rateLimit(caller);
    }

    private static RateDecision decision(Response answer) {
        long value = answer.get(1).toLong();
        return answer.get(0).toInteger() == 1 ? RateDecision.ALLOWED
                : RateDecision.refused(Duration.ofNanos(value * 1000));
    }

    private boolean countingAlone() {
        long until = aloneUntil.get();
        return until != 0 && System.nanoTime() - until < 0;
    }

    private void redisAnswered() {
        if (aloneUntil.getAndSet(0) != 0) {
            Log.info("Redis answers again: rate limits are shared by all replicas again");
        }
    }

    private void redisFailed(Throwable failure) {
        long until = System.nanoTime() + config.redisRetryInterval().toNanos();
        if (aloneUntil.getAndSet(until) == 0) {
            Log.warnf("Redis did not answer (%s): each replica applies the rate limits on its own for now",
                    failure.getClass().getSimpleName());
        }
    }
}
