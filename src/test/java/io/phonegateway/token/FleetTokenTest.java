package io.phonegateway.token;

import static io.phonegateway.token.Replicas.DEMO;
import static io.phonegateway.token.Replicas.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.Credential;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** Several replicas (separate near caches and single-flights) over one real Redis share one token. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class FleetTokenTest {

    @Inject
    Replicas replicas;

    @BeforeEach
    void emptyWorld() {
        Simulator.reset();
        replicas.flush();
    }

    @Test
    void twoHundredConcurrentLookupsOnFourReplicasMakeOneStableFetch() {
        assertThat(concurrentCredentials(Map.of(), 4, 200)).hasSize(1);
        assertThat(Simulator.calls("stable_token")).isEqualTo(1);
    }

    @Test
    void classicModeUnderContentionFetchesOnceSoNoReplicaStartsATokenWar() {
        assertThat(concurrentCredentials(Map.of("phone-gateway.token.mode", "classic"), 3, 150)).hasSize(1);
        assertThat(Simulator.calls("token")).isEqualTo(1);
    }

    @Test
    void aReplicaDeletingTheRejectedTokenNeverDeletesTheFreshOneAnotherStored() {
        GatewayConfig config = Replicas.config(Map.of());
        TokenKey key = new TokenKey(DEMO.appId(), TokenMode.STABLE);
        RedisTokenStore slow = replicas.store(config);
        RedisTokenStore quick = replicas.store(config);
        AccessToken fresh = token("fresh", Instant.now());

        quick.refresh(key, t -> false, () -> Uni.createFrom().item(fresh)).await().atMost(WAIT);
        slow.invalidate(key, "the-rejected-one").await().atMost(WAIT);

        assertThat(replicas.storedToken(key)).isEqualTo("fresh");
        slow.invalidate(key, "fresh").await().atMost(WAIT);
        assertThat(replicas.storedToken(key)).isNull();
    }

    @Test
    void anOlderTokenNeverReplacesANewerOne() {
        GatewayConfig config = Replicas.config(Map.of());
        TokenKey key = new TokenKey(DEMO.appId(), TokenMode.STABLE);
        Instant now = Instant.now();
        replicas.store(config).refresh(key, t -> false, () -> Uni.createFrom().item(token("newer", now))).await().atMost(WAIT);

        AccessToken answered = replicas.store(config)
                .refresh(key, t -> false, () -> Uni.createFrom().item(token("older", now.minusSeconds(60))))
                .await().atMost(WAIT);

        assertThat(answered.value()).isEqualTo("older"); // the slow replica may still use what it fetched...
        assertThat(replicas.storedToken(key)).isEqualTo("newer"); // ...but the fleet keeps the newer token
    }

    @Test
    void theForceRefreshBudgetIsFleetWide() {
        GatewayConfig config = Replicas.config(Map.of());
        TokenKey key = new TokenKey(DEMO.appId(), TokenMode.STABLE);
        RedisTokenStore one = replicas.store(config);
        RedisTokenStore two = replicas.store(config);

        assertThat(one.takeForcedRefresh(key, 2, Duration.ZERO).await().atMost(WAIT)).isTrue();
        assertThat(two.takeForcedRefresh(key, 2, Duration.ZERO).await().atMost(WAIT)).isTrue();
        assertThat(one.takeForcedRefresh(key, 2, Duration.ZERO).await().atMost(WAIT)).isFalse();

        TokenKey other = new TokenKey(Simulator.OTHER_APP_ID, TokenMode.STABLE);
        assertThat(one.takeForcedRefresh(other, 20, Duration.ofSeconds(30)).await().atMost(WAIT)).isTrue();
        assertThat(two.takeForcedRefresh(other, 20, Duration.ofSeconds(30)).await().atMost(WAIT)).isFalse();
    }

    @Test
    void aRejectedStableTokenThatWechatStillHandsOutIsForcedOnceWithinBudget() {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.force-refresh-daily-limit", "1"));
        AccessTokenProvider provider = replicas.provider(config);
        Credential first = provider.credentialFor(DEMO, Optional.empty()).await().atMost(WAIT);

        // WeChat (here: the test) rejects the token it still hands out in normal mode
        Credential forced = provider.replacementFor(DEMO, first).await().atMost(WAIT);

        assertThat(forced.value()).isNotEqualTo(first.value());
        assertThat(Simulator.calls("stable_token")).isEqualTo(3); // first, normal re-fetch (same token), forced
        Throwable noBudget = org.assertj.core.api.Assertions.catchThrowable(
                () -> provider.replacementFor(DEMO, forced).await().atMost(WAIT));
        assertThat(noBudget).hasMessageContaining("no forced refresh is left");
    }

    private Set<String> concurrentCredentials(Map<String, String> overrides, int replicaCount, int lookups) {
        GatewayConfig config = Replicas.config(overrides);
        List<AccessTokenProvider> fleet = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            fleet.add(replicas.provider(config));
        }
        List<Uni<Credential>> all = new ArrayList<>();
        for (int i = 0; i < lookups; i++) {
            all.add(fleet.get(i % replicaCount).credentialFor(DEMO, Optional.empty()));
        }
        List<Credential> credentials = Uni.join().all(all).andFailFast().await().atMost(WAIT);
        assertThat(credentials).hasSize(lookups);
        return credentials.stream().map(Credential::value).collect(Collectors.toSet());
    }

    private static AccessToken token(String value, Instant fetchedAt) {
        return new AccessToken(value, fetchedAt.plusSeconds(7200), fetchedAt);
    }
}
