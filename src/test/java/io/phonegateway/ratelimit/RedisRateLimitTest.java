package io.phonegateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The GCRA script in the suite's real Redis. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class RedisRateLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    RateLimiter limiter;

    @Inject
    RedisDataSource redis;

    /** The limiter counts alone for a while after Redis was slow; a first connection may be (Quarkus boots lazily). */
    @BeforeEach
    void connectFirst() {
        redis.execute("PING");
    }

    /** Three an hour, three at once: the fourth waits about 20 minutes. */
    private final Rate rate = Rate.of(3, Duration.ofHours(1), 3);

    @Test
    void aBurstPassesThenTheNextIsToldHowLongToWait() {
        String caller = "test-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(caller, rate).await().atMost(WAIT).allowed()).isTrue();
        }
        RateDecision refused = limiter.acquire(caller, rate).await().atMost(WAIT);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(20));
        assertThat(limiter.acquire("other-" + caller, rate).await().atMost(WAIT).allowed()).isTrue();
        assertThat(redis.key().exists(RateLimiter.key(caller))).as("counted in Redis").isTrue();
    }

    @Test
    void theCountIsOneKeyThatExpiresWhenTheBucketIsFullAgain() {
        String caller = "test-" + UUID.randomUUID();
        limiter.acquire(caller, rate).await().atMost(WAIT);

        long ttl = redis.key().pttl(RateLimiter.key(caller));
        assertThat(ttl).as("ms until the bucket is full again").isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(21).toMillis());
        assertThat(redis.key().keys("phone-gateway:rate:{" + caller + "}*")).hasSize(1);
    }
}
