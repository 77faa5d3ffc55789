package io.phonegateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

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
import io.vertx.mutiny.redis.client.Redis;

/**
 * "Down" means down (issue 16): one answer that misses {@code redis-timeout} (a burst on a cold replica, a busy host)
 * is counted locally for that request, and the next request asks the fleet-wide count again; only once commands have
 * gone unanswered for {@link RedisStatus#SLOW_WINDOW} (the one rule RedisStatus applies to results, tokens and
 * readiness) does the replica count alone. Redis is slowed for real with
 * {@code CLIENT PAUSE ... WRITE}, which holds every script until the pause ends.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class SlowRedisTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Rate rate = Rate.of(100, Duration.ofHours(1), 100);

    @Inject
    GatewayConfig config;

    @Inject
    Instance<Redis> client;

    @Inject
    RedisStatus status;

    @Inject
    RedisDataSource redis;

    private RateLimiter limiter;

    @BeforeEach
    void freshReplica() {
        redis.execute("PING");
        limiter = new RateLimiter(config, client, status);
        limiter.acquire("answered-" + UUID.randomUUID(), rate).await().atMost(WAIT); // an answer: Redis counts as up
        assertThat(status.current()).as("Redis up before the test").isEmpty();
    }

    @Test
    void oneSlowAnswerKeepsTheLimitShared() {
        String caller = "slow-" + UUID.randomUUID();
        pauseWrites(config.rateLimit().redisTimeout().multipliedBy(2));
        assertThat(limiter.acquire(caller, rate).await().atMost(WAIT).allowed()).as("counted here meanwhile").isTrue();
        awaitPauseEnd();

        long before = scriptCalls();
        assertThat(limiter.acquire(caller, rate).await().atMost(WAIT).allowed()).isTrue();
        assertThat(scriptCalls() - before).as("the next request asked Redis again").isEqualTo(1);
        assertThat(redis.key().exists(RateLimiter.key(caller))).as("counted fleet-wide").isTrue();
    }

    @Test
    void answersMissedForTheSlowWindowMakeTheReplicaCountAlone() {
        String caller = "slow-" + UUID.randomUUID();
        Duration timeout = config.rateLimit().redisTimeout();
        pauseWrites(RedisStatus.SLOW_WINDOW.plus(timeout.multipliedBy(4)));
        long started = System.nanoTime();
        int asked = 0;
        while (status.current().isEmpty() && System.nanoTime() - started < WAIT.toNanos()) {
            // another caller each time: no lease and no remembered refusal stands between the request and Redis
            assertThat(limiter.acquire(caller + asked++, rate).await().atMost(WAIT).allowed()).isTrue();
        }
        assertThat(status.current()).as("Redis declared down").isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not before the slow window")
                .isGreaterThanOrEqualTo(RedisStatus.SLOW_WINDOW);
        awaitPauseEnd();

        long before = scriptCalls();
        assertThat(limiter.acquire(caller, rate).await().atMost(WAIT).allowed()).isTrue();
        assertThat(scriptCalls() - before).as("counting alone for redis-retry-interval").isZero();
    }

    private void pauseWrites(Duration pause) {
        redis.execute("CLIENT", "PAUSE", Long.toString(pause.toMillis()), "WRITE");
    }

    /** CLIENT PAUSE ends by itself; a write of our own waits for it. */
    private void awaitPauseEnd() {
        redis.execute("SET", "slow-redis-test:pause-over", "1", "PX", "1000");
    }

    private long scriptCalls() {
        long calls = 0;
        String info = redis.execute("INFO", "commandstats").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String count = line.substring(line.indexOf("calls=") + 6);
                calls += Long.parseLong(count.substring(0, count.indexOf(',')));
            }
        }
        return calls;
    }
}
