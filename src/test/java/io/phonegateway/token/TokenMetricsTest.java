package io.phonegateway.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.TokenMode;
import io.phonegateway.config.WechatApp;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/** Token fetches, lock waits, token age and the force-refresh budget as Prometheus scrapes them. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class TokenMetricsTest {

    private static final String FETCHES = "phone_gateway_token_fetches_total";

    @Inject
    TokenStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    AccessTokenProvider tokens;

    @Inject
    AppRegistry apps;

    @BeforeEach
    void forgetTokens() {
        Simulator.freshStart();
        for (String appId : List.of(Simulator.DEMO_APP_ID, Simulator.OTHER_APP_ID)) {
            TokenKey key = new TokenKey(appId, TokenMode.STABLE);
            AccessToken held = store.current(key).await().atMost(Duration.ofSeconds(5));
            if (held != null) {
                store.invalidate(key, held.value()).await().atMost(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aFetchIsCountedAndTheTokensAgeAndRemainingLifeAreGauged() {
        Scrape before = Scrape.now();

        lookup(Simulator.DEMO_APP_ID).then().statusCode(200);

        Scrape after = Scrape.now();
        assertThat(after.value(FETCHES, "app", "demo", "result", "ok") - before.value(FETCHES, "app", "demo", "result", "ok"))
                .isEqualTo(1);
        assertThat(after.find("phone_gateway_token_age_seconds", "app", "demo").orElseThrow()).isBetween(0.0, 60.0);
        assertThat(after.find("phone_gateway_token_expires_in_seconds", "app", "demo").orElseThrow()).isBetween(7000.0, 7200.0);
        // the gauge follows the fleet's budget: with today's budget fresh, one forced refresh leaves 19 of 20
        TokenKey other = new TokenKey(Simulator.OTHER_APP_ID, TokenMode.STABLE);
        redis.key().del(RedisKeys.forceRefreshBudget(other.appId(), other.mode(),
                ChinaDay.today()));
        assertThat(store.takeForcedRefresh(other, 20, Duration.ZERO).await().atMost(Duration.ofSeconds(5))).isTrue();
        assertThat(Scrape.now().find("phone_gateway_token_force_refresh_remaining", "app", "other").orElseThrow())
                .isEqualTo(19.0);
    }

    @Test
    void anIdleReplicasExpiryGaugeFollowsTheTokenItWouldUseNotTheOneItLastUsed() throws InterruptedException {
        WechatApp other = apps.resolve(Optional.of(Simulator.OTHER_APP_ID)).orElseThrow();
        TokenKey key = new TokenKey(Simulator.OTHER_APP_ID, TokenMode.STABLE);
        // this replica's last lookup used a token now 90 s from expiry: inside the 300 s margin, due for a refresh
        Instant now = Instant.now();
        AccessToken aging = new AccessToken("aging-token", now.plusSeconds(90), now.minusSeconds(7110));
        store.refresh(key, token -> false, () -> Uni.createFrom().item(aging)).await().atMost(Duration.ofSeconds(5));
        tokens.credentialFor(other, Optional.empty()).await().atMost(Duration.ofSeconds(5));
        assertThat(expiresIn("other")).isBetween(60.0, 90.0);

        // no lookup comes: the keeper alone refreshes ahead, and the gauge follows the new token, not the old one down
        double expiresIn = Double.NaN;
        for (int i = 0; i < 60 && !(expiresIn > 7000); i++) {
            tokens.refreshHeld(apps).await().atMost(Duration.ofSeconds(10));
            expiresIn = expiresIn("other");
            Thread.sleep(250);
        }
        assertThat(expiresIn).as("expiry of the token an idle replica holds").isBetween(7000.0, 7200.0);
        assertThat(tokens.heldToken("other").orElseThrow().value()).isNotEqualTo("aging-token");
    }

    private static double expiresIn(String app) {
        return Scrape.now().find("phone_gateway_token_expires_in_seconds", "app", app).orElseThrow();
    }

    @Test
    void aRefusedFetchIsCountedByWhatWechatSaid() {
        Simulator.setAppSecret(Simulator.OTHER_APP_ID, "not-the-configured-secret");
        Scrape before = Scrape.now();

        lookup(Simulator.OTHER_APP_ID).then().statusCode(502);

        Scrape after = Scrape.now();
        assertThat(after.value(FETCHES, "app", "other", "result", "auth_failed")
                - before.value(FETCHES, "app", "other", "result", "auth_failed")).isEqualTo(1);
        assertThat(after.value("phone_gateway_wechat_calls_total", "app", "other", "api", "stable_token", "errcode", "40125")
                - before.value("phone_gateway_wechat_calls_total", "app", "other", "api", "stable_token", "errcode", "40125"))
                .isEqualTo(1);
    }

    @Test
    void waitingForAnotherReplicasFetchIsTimed() {
        TokenKey key = new TokenKey(Simulator.DEMO_APP_ID, TokenMode.STABLE);
        String code = Simulator.mintCode("13800138000");
        Scrape before = Scrape.now();
        // another replica holds the refresh lock for 2 s and gives up without storing a token
        redis.value(String.class).set(RedisKeys.tokenLock(key.appId(), key.mode()), "another-replica", new SetArgs().px(2000));

        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then().statusCode(200);

        Scrape after = Scrape.now();
        String count = "phone_gateway_token_lock_wait_seconds_count";
        assertThat(after.value(count, "app", "demo") - before.value(count, "app", "demo")).isEqualTo(1);
        assertThat(after.value("phone_gateway_token_lock_wait_seconds_sum", "app", "demo")
                - before.value("phone_gateway_token_lock_wait_seconds_sum", "app", "demo")).isPositive();
    }

    private static io.restassured.response.Response lookup(String appId) {
        String code = Simulator.mintCode(Map.of("phoneNumber", "13800138000", "appId", appId));
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", appId)).post("/phone");
    }
}
