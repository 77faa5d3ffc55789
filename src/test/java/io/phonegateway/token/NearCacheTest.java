package io.phonegateway.token;

import static io.phonegateway.token.Replicas.DEMO;
import static io.phonegateway.token.Replicas.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The near copy in steady state: once aged, a still usable token keeps answering at once while one read behind
 * it brings the copy up to date with Redis, so no lookup waits on Redis for a token.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class NearCacheTest {

    @Inject
    Replicas replicas;

    @Inject
    ReactiveRedisDataSource redis;

    @BeforeEach
    void emptyWorld() {
        Simulator.reset();
        replicas.flush();
    }

    @Test
    void anAgedNearCopyServesWhileOneReadBehindItPicksUpWhatRedisHolds() throws InterruptedException {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.near-cache-ttl", "100ms"));
        TokenKey key = new TokenKey(DEMO.appId(), TokenMode.STABLE);
        AccessTokenProvider provider = replicas.provider(config);
        RedisTokenStore store = replicas.store(config);
        provider.credentialFor(DEMO, java.util.Optional.empty()).await().atMost(WAIT);
        AccessToken first = store.current(key).await().atMost(WAIT);

        Instant now = Instant.now();
        redis.execute("HSET", RedisKeys.token(key.appId(), key.mode()), "value", "stored-by-another-replica",
                "expires_at", Long.toString(now.plus(Duration.ofHours(2)).toEpochMilli()),
                "fetched_at", Long.toString(now.toEpochMilli())).await().atMost(WAIT);
        Thread.sleep(150); // the near copy ages

        assertThat(store.current(key).await().atMost(WAIT).value()).isEqualTo(first.value());
        String seen = first.value();
        for (int i = 0; i < 100 && seen.equals(first.value()); i++) {
            Thread.sleep(20);
            seen = store.current(key).await().atMost(WAIT).value();
        }
        assertThat(seen).isEqualTo("stored-by-another-replica");
        assertThat(Simulator.calls("stable_token")).isEqualTo(1);
    }
}
