package io.phonegateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.StoreKind;
import io.phonegateway.redis.LuaScripts;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.redis.RedisStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Per-caller rate limits ({@code phone-gateway.rate-limit.*}): one GCRA count per caller, shared by every replica
 * through one Lua script in Redis. A replica takes permits in small leases ({@link PermitLease},
 * {@code rate-limit.lease}), so most requests need no Redis round trip; a caller near its limit gets one permit per
 * round trip. Redis gets {@code redis-timeout} to answer; when it does not (down, slow), this replica counts alone for
 * {@code redis-retry-interval}, so a request never waits on a dead Redis twice in a row.
 */
@ApplicationScoped
public class RateLimiter {

    /** Local counts of failed authentications are kept apart from callers' by this prefix (no caller name has it). */
    private static final String FAILURES = "\u0000auth-failures:";

    private final GatewayConfig.RateLimit config;
    private final GatewayConfig.FailureLimit failureLimit;
    private final Rate failureRate;
    private final Instance<Redis> redis;
    private final RedisStatus status;
    private static final Uni<RateDecision> ALLOWED = Uni.createFrom().item(RateDecision.ALLOWED);

    /** Made on first use: a replica counting locally never touches the Redis client. */
    private volatile RedisCommands commands;
    private final LocalRateCounter local = new LocalRateCounter();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final Map<String, PermitLease> leases = new ConcurrentHashMap<>();
    /** {@link System#nanoTime()} until which Redis is not asked; 0 while Redis answers. */
    private final AtomicLong aloneUntil = new AtomicLong();

    RateLimiter(GatewayConfig config, Instance<Redis> redis, RedisStatus status) {
        this.config = config.rateLimit();
        this.redis = redis;
        this.status = status;
        this.failureLimit = config.auth().failureLimit();
        this.failureRate = Rate.of(failureLimit.requests(), failureLimit.period(), failureLimit.burst());
    }

    /** Takes one request from {@code caller}'s limit. Never fails, and waits at most {@code redis-timeout}. */
    public Uni<RateDecision> acquire(String caller) {
        if (!config.enabled()) {
            return ALLOWED;
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
        if (config.store() == StoreKind.LOCAL || countingAlone()) {
            return Uni.createFrom().item(() -> local.acquire(caller, rate));
        }
        PermitLease lease = leases.computeIfAbsent(caller,
                name -> new PermitLease(Math.max(1, config.lease()), config.leaseLifetime().toNanos()));
        long now = System.nanoTime();
        long refusedFor = lease.refusedFor(now);
        if (refusedFor > 0) {
            return Uni.createFrom().item(RateDecision.refused(Duration.ofNanos(refusedFor)));
        }
        if (lease.take(now)) {
            return ALLOWED;
        }
        // one refill of the lease at a time; a request that comes meanwhile asks for its own permit only
        int refill = lease.refillSize(now);
        return acquire(caller, key(caller), rate, Math.max(1, refill))
                .invoke(decision -> {
                    long answered = System.nanoTime();
                    if (refill > 0) {
                        lease.refilled(decision.granted(), answered);
                    }
                    if (!decision.allowed()) {
                        lease.refused(answered, decision.retryAfter().toNanos());
                    }
                })
                .onTermination().invoke((decision, failure, cancelled) -> {
                    if (refill > 0 && (failure != null || cancelled)) {
                        lease.refillFailed();
                    }
                });
    }

    private Uni<RateDecision> acquire(String caller, String key, Rate rate) {
        return acquire(caller, key, rate, 1);
    }

    /** {@code wanted} permits from Redis (at least one when allowed); counting alone when Redis does not answer. */
    private Uni<RateDecision> acquire(String caller, String key, Rate rate, int wanted) {
        if (config.store() == StoreKind.LOCAL || countingAlone()) {
            return Uni.createFrom().item(() -> local.acquire(caller, rate));
        }
        return commands().eval(LuaScripts.RATE_LIMIT, List.of(key), Long.toString(rate.intervalMicros()),
                Integer.toString(rate.burst()), Integer.toString(wanted))
                .map(RateLimiter::decision)
                .invoke(this::redisAnswered)
                .onFailure().recoverWithItem(failure -> {
                    redisFailed(failure);
                    return local.acquire(caller, rate);
                });
    }

    private RedisCommands commands() {
        RedisCommands made = commands;
        if (made == null) {
            made = new RedisCommands(redis.get(), status, config.redisTimeout());
            commands = made;
        }
        return made;
    }

    static String key(String caller) {
        return RedisKeys.rateLimit(caller);
    }

    private static RateDecision decision(Response answer) {
        int granted = answer.get(0).toInteger();
        return granted >= 1 ? RateDecision.allowed(granted)
                : RateDecision.refused(Duration.ofNanos(answer.get(1).toLong() * 1000));
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

    /**
     * The request that saw the failure is counted here; the replica counts alone only once {@link RedisStatus} says
     * Redis is down, the one rule results, tokens and readiness follow too: a lost or refused connection at once,
     * timeouts only after {@link RedisStatus#SLOW_WINDOW} of unanswered commands. One slow answer under a burst (a
     * cold replica, a busy host) keeps the limits shared (issue 16).
     */
    private void redisFailed(Throwable failure) {
        Optional<RedisStatus.Down> down = status.current();
        if (down.isEmpty()) {
            return;
        }
        long until = System.nanoTime() + config.redisRetryInterval().toNanos();
        if (aloneUntil.getAndSet(until) == 0) {
            Log.warnf("Redis failed (%s): each replica applies the rate limits on its own for now",
                    down.get().failure().describe());
        }
    }
}
