package io.phonegateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.redis.RedisStatus;
import io.phonegateway.testsupport.RedisServerResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Permits leased in batches (issue 16) against the suite's real Redis: two limiters stand for two replicas sharing one
 * caller's fleet-wide count. The fleet-wide limit still holds across them, a caller near its limit gets its permits
 * one at a time from whichever replica asks, and most requests make no Redis round trip.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LeasedPermitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    GatewayConfig config;

    @Inject
    Instance<Redis> client;

    @Inject
    RedisStatus status;

    @Inject
    RedisDataSource redis;

    private RateLimiter replicaA;
    private RateLimiter replicaB;

    @BeforeEach
    void twoReplicas() {
        redis.execute("PING");
        replicaA = new RateLimiter(config, client, status);
        replicaB = new RateLimiter(config, client, status);
    }

    /** 200 at once, 1000 an hour: 600 requests, 30 at a time from both replicas, admit the burst and no more. */
    @Test
    void theFleetWideLimitHoldsAcrossTwoReplicas() {
        String caller = "lease-" + UUID.randomUUID();
        Rate rate = Rate.of(1000, Duration.ofHours(1), 200);
        long scriptsBefore = scriptCalls();
        long started = System.nanoTime();

        int allowed = 0;
        for (int round = 0; round < 20; round++) {
            List<Uni<RateDecision>> wave = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                wave.add(replicaA.acquire(caller, rate));
                wave.add(replicaB.acquire(caller, rate));
            }
            allowed += count(wave);
        }

        // the count refills one permit per 3.6 s: the test's own seconds add that many, however slow the machine
        long refilled = Duration.ofNanos(System.nanoTime() - started).toMillis() / 3600 + 1;
        assertThat(allowed).as("admitted by both replicas together").isBetween(195, (int) (200 + refilled));
        assertThat(scriptCalls() - scriptsBefore).as("Redis round trips for 600 requests").isLessThan(150);
    }

    /** Four an hour: asked alternately, the two replicas admit exactly four between them; no lease hides one. */
    @Test
    void aCallerNearItsLimitGetsItsLastPermitsFromWhicheverReplicaAsks() {
        String caller = "lease-" + UUID.randomUUID();
        Rate rate = Rate.of(4, Duration.ofHours(1), 4);
        List<Boolean> decisions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RateLimiter replica = i % 2 == 0 ? replicaA : replicaB;
            decisions.add(replica.acquire(caller, rate).await().atMost(WAIT).allowed());
        }
        assertThat(decisions).containsExactly(true, true, true, true, false, false, false, false);
    }

    /** A steady caller far from its limit: most of its requests are served from the replica's lease. */
    @Test
    void mostRequestsOfABusyCallerMakeNoRoundTrip() {
        String caller = "lease-" + UUID.randomUUID();
        Rate rate = Rate.of(1_000_000, Duration.ofMinutes(1), 100_000);
        long scriptsBefore = scriptCalls();
        AtomicInteger allowed = new AtomicInteger();
        for (int i = 0; i < 500; i++) {
            if (replicaA.acquire(caller, rate).await().atMost(WAIT).allowed()) {
                allowed.incrementAndGet();
            }
        }
        assertThat(allowed).hasValue(500);
        assertThat(scriptCalls() - scriptsBefore).as("Redis round trips for 500 requests").isLessThan(100);
    }

    /** Once refused, the replica knows when the next permit can exist and refuses until then without asking. */
    @Test
    void aRefusalIsRememberedUntilTheNextPermitCanExist() {
        String caller = "lease-" + UUID.randomUUID();
        Rate rate = Rate.of(1, Duration.ofHours(1), 1);
        assertThat(replicaA.acquire(caller, rate).await().atMost(WAIT).allowed()).isTrue();
        assertThat(replicaA.acquire(caller, rate).await().atMost(WAIT).allowed()).isFalse();
        long scriptsBefore = scriptCalls();
        RateDecision again = replicaA.acquire(caller, rate).await().atMost(WAIT);
        assertThat(again.allowed()).isFalse();
        assertThat(again.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(scriptCalls() - scriptsBefore).isZero();
    }

    private static int count(List<Uni<RateDecision>> wave) {
        List<RateDecision> decisions = Uni.join().all(wave).andFailFast().await().atMost(WAIT);
        return (int) decisions.stream().filter(RateDecision::allowed).count();
    }

    /** Script calls (EVALSHA and EVAL) since the server started, from INFO commandstats. */
    private long scriptCalls() {
        return calls("evalsha") + calls("eval");
    }

    private long calls(String command) {
        String info = redis.execute("INFO", "commandstats").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }
}
