package io.phonegateway.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.StoreKind;
import io.quarkus.logging.Log;

/**
 * Whether this replica's last Redis command worked, and if not, what kind of failure it was: the Redis store's
 * degraded mode and readiness read it, {@code phone_gateway_redis_down{kind}} shows it and
 * {@code phone_gateway_redis_failures_total{kind}} counts every failed command. A log line is written when Redis
 * goes down, when the kind of failure changes (a failover may go from a lost connection to READONLY), and when it
 * answers again. Connection failures and refusals count at once; timeouts only once commands have gone unanswered
 * for {@link #SLOW_WINDOW}, so a single slow answer under local load does not switch the replica to solo mode.
 */
@Singleton
public class RedisStatus {

    static final String DOWN = "phone_gateway.redis.down";
    static final String FAILURES = "phone_gateway.redis.failures";
    /** How long commands must go unanswered before Redis counts as down; a refused or lost connection counts at once. */
    public static final Duration SLOW_WINDOW = Duration.ofSeconds(1);

    /** Down since {@code since}, last with {@code failure}. */
    public record Down(Instant since, RedisFailure failure) {
    }

    private final AtomicReference<Down> down = new AtomicReference<>();
    private final AtomicBoolean everUp = new AtomicBoolean();
    /** {@link System#nanoTime} of the first command that timed out since the last answer; 0 while Redis answers. */
    private final AtomicLong unansweredSince = new AtomicLong();
    private final Map<RedisFailure.Kind, Counter> failures = new EnumMap<>(RedisFailure.Kind.class);

    /** Meters exist only where Redis is used: a gateway on local stores has no Redis to report on. */
    @Inject
    void registerMeters(MeterRegistry registry, GatewayConfig config) {
        if (config.token().store() != StoreKind.REDIS
                && !(config.rateLimit().enabled() && config.rateLimit().store() == StoreKind.REDIS)) {
            return;
        }
        for (RedisFailure.Kind kind : RedisFailure.Kind.values()) {
            Gauge.builder(DOWN, this, status -> status.downWith(kind) ? 1 : 0).tag("kind", kind.tag())
                    .description("1 while this replica's last Redis command failed, tagged with the kind of failure")
                    .register(registry);
            failures.put(kind, Counter.builder(FAILURES).tag("kind", kind.tag())
                    .description("Redis commands that failed, by kind: outages, error replies, refusals")
                    .register(registry));
        }
    }

    void up() {
        if (unansweredSince.get() != 0) {
            unansweredSince.set(0);
        }
        everUp.set(true);
        Down was = down.getAndSet(null);
        if (was != null) {
            Log.infof("Redis answers again after being down since %s (%s)", was.since(), was.failure().describe());
        }
    }

    /** Records a failed command; returns what kind of failure it was. */
    RedisFailure down(Throwable cause) {
        RedisFailure failure = RedisFailure.of(cause);
        Counter counter = failures.get(failure.kind());
        if (counter != null) {
            counter.increment();
        }
        if (failure.kind() == RedisFailure.Kind.TIMEOUT && down.get() == null && !unansweredFor(SLOW_WINDOW)) {
            return failure; // one slow answer (a cold JVM, a burst) is not an outage: counted, not declared
        }
        Down before = down.getAndUpdate(d -> new Down(d == null ? Instant.now() : d.since(), failure));
        if (before == null) {
            Log.warnf("Redis failed (%s); tokens and results are served from this replica until it answers again",
                    failure.describe());
        } else if (!before.failure().equals(failure)) {
            Log.warnf("Redis still failing, now with %s (before: %s)", failure.describe(), before.failure().describe());
        }
        return failure;
    }

    /**
     * Whether commands have gone unanswered for {@code window} without an answer in between; the first unanswered
     * command starts the clock.
     */
    private boolean unansweredFor(Duration window) {
        long now = System.nanoTime();
        long since = unansweredSince.compareAndExchange(0, now);
        return since != 0 && now - since >= window.toNanos();
    }

    public Optional<Instant> downSince() {
        return current().map(Down::since);
    }

    public Optional<Down> current() {
        return Optional.ofNullable(down.get());
    }

    /**
     * True when Redis has refused this replica for its configuration (credentials, ACL, TLS) and never accepted
     * it since start: a rollout with a wrong password or trust store then never becomes ready, while a replica
     * that has served stays in degraded mode instead (a Redis-side change must not take out a serving fleet).
     */
    public boolean refusedSinceStart() {
        Down d = down.get();
        return !everUp.get() && d != null && d.failure().misconfiguration();
    }

    private boolean downWith(RedisFailure.Kind kind) {
        Down d = down.get();
        return d != null && d.failure().kind() == kind;
    }
}
