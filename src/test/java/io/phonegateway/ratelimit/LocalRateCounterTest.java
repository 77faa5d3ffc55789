package io.phonegateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LocalRateCounterTest {

    private final AtomicLong nowMicros = new AtomicLong(1_000_000_000L);
    private final LocalRateCounter counter = new LocalRateCounter(nowMicros::get);
    /** 60 per minute (one a second), 3 at once. */
    private final Rate rate = Rate.of(60, Duration.ofMinutes(1), 3);

    @Test
    void aBurstPassesThenTheNextWaitsOneInterval() {
        for (int i = 0; i < 3; i++) {
            assertThat(counter.acquire("orders", rate).allowed()).isTrue();
        }
        RateDecision refused = counter.acquire("orders", rate);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theRateRefillsOverTime() {
        for (int i = 0; i < 3; i++) {
            counter.acquire("orders", rate);
        }
        nowMicros.addAndGet(999_999);
        assertThat(counter.acquire("orders", rate).allowed()).isFalse();
        nowMicros.addAndGet(1);
        assertThat(counter.acquire("orders", rate).allowed()).isTrue();
        assertThat(counter.acquire("orders", rate).allowed()).isFalse();

        nowMicros.addAndGet(Duration.ofHours(1).toNanos() / 1000); // a quiet hour refills the burst, no more
        for (int i = 0; i < 3; i++) {
            assertThat(counter.acquire("orders", rate).allowed()).isTrue();
        }
        assertThat(counter.acquire("orders", rate).allowed()).isFalse();
    }

    @Test
    void aRefusedRequestDoesNotCount() {
        for (int i = 0; i < 10; i++) {
            counter.acquire("orders", rate);
        }
        nowMicros.addAndGet(1_000_000);
        assertThat(counter.acquire("orders", rate).allowed()).as("refusals did not push the next slot away").isTrue();
    }

    @Test
    void callersAreCountedApart() {
        for (int i = 0; i < 3; i++) {
            counter.acquire("orders", rate);
        }
        assertThat(counter.acquire("orders", rate).allowed()).isFalse();
        assertThat(counter.acquire("billing", rate).allowed()).isTrue();
    }

    @Test
    void aCallersOwnLimitOverridesTheDefaultsFieldByField() {
        var config = io.phonegateway.testsupport.ConfigFixture.fromProperties(java.util.Map.of(
                "phone-gateway.rate-limit.requests", "600", "phone-gateway.rate-limit.period", "1m",
                "phone-gateway.rate-limit.burst", "60", "phone-gateway.rate-limit.callers.orders.requests", "30"));
        assertThat(Rate.of(config.rateLimit(), "orders")).isEqualTo(new Rate(2_000_000, 60));
        assertThat(Rate.of(config.rateLimit(), "billing")).isEqualTo(new Rate(100_000, 60));
    }
}
