package io.phonegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.ConfigFixture;

class ConfigValidatorTest {

    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("phone-gateway.apps.shop.app-id", "wx1111111111111111");
        p.put("phone-gateway.apps.shop.app-secret", "s3cret");
        p.put("phone-gateway.auth.api-keys.orders", "key-1,key-2");
        p.put("phone-gateway.result-cache.key", VALID_KEY);
        return p;
    }

    /** base64 of 32 bytes, as {@code openssl rand -base64 32} prints. */
    static final String VALID_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static java.util.List<String> problems(Map<String, String> p) {
        return ConfigValidator.problems(ConfigFixture.fromProperties(p), false);
    }

    @Test
    void aCompleteConfigurationHasNoProblem() {
        assertThat(problems(valid())).isEmpty();
    }

    @Test
    void noAppIsRefused() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.apps.shop.app-id");
        p.remove("phone-gateway.apps.shop.app-secret");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.apps.<name>.app-id");
    }

    @Test
    void aMissingSecretIsNamedWhenTheModeNeedsOne() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.apps.shop.app-secret");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.apps.shop.app-secret");

        p.put("phone-gateway.token.mode", "cloud");
        assertThat(problems(p)).isEmpty();
    }

    @Test
    void wechatConnectionsAndTheClaimLeaseMustBeUsable() {
        Map<String, String> p = valid();
        p.put("phone-gateway.lookup.wechat-connections", "0");
        p.put("phone-gateway.lookup.connection-wait", "0s");
        p.put("phone-gateway.result-cache.lock-lease", "100ms");
        assertThat(problems(p)).hasSize(3).anySatisfy(m -> assertThat(m).contains("phone-gateway.lookup.wechat-connections"))
                .anySatisfy(m -> assertThat(m).contains("phone-gateway.lookup.connection-wait"))
                .anySatisfy(m -> assertThat(m).contains("phone-gateway.result-cache.lock-lease"));
    }

    @Test
    void anUnknownDefaultAppIsRefused() {
        Map<String, String> p = valid();
        p.put("phone-gateway.default-app", "nope");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.default-app");
    }

    @Test
    void anAppidThatIsNotOneIsRefusedNamingItsProperty() {
        Map<String, String> p = valid();
        p.put("phone-gateway.apps.shop.app-id", "shop");
        assertThat(problems(p)).singleElement().asString()
                .isEqualTo("phone-gateway.apps.shop.app-id must be a WeChat appid: wx followed by 16 hex digits");
    }

    @Test
    void twoAppsWithOneAppidAreRefused() {
        Map<String, String> p = valid();
        p.put("phone-gateway.apps.copy.app-id", "wx1111111111111111");
        p.put("phone-gateway.apps.copy.app-secret", "other");
        assertThat(problems(p)).singleElement().asString().contains("repeats the appid");
    }

    @Test
    void authenticationWithoutAKeyIsRefused() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.auth.api-keys.orders");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.auth.api-keys.<client>");

        p.put("phone-gateway.auth.enabled", "false");
        assertThat(problems(p)).isEmpty();
    }

    @Test
    void theResultCacheKeyIsRequiredOutsideDevAndTest() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.result-cache.key");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.result-cache.key is required");
        assertThat(ConfigValidator.problems(ConfigFixture.fromProperties(p), true)).isEmpty();
    }

    @Test
    void aResultCacheKeyThatIsNotBase64IsRefusedWithoutEchoingIt() {
        Map<String, String> p = valid();
        p.put("phone-gateway.result-cache.key", "not*base64*SECRET");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.result-cache.key is not valid base64")
                .doesNotContain("SECRET");
        assertThat(ConfigValidator.problems(ConfigFixture.fromProperties(p), true)).as("checked in dev/test too").hasSize(1);
    }

    @Test
    void aResultCacheKeyOfTheWrongLengthIsRefused() {
        Map<String, String> p = valid();
        p.put("phone-gateway.result-cache.key", Base64.getEncoder().encodeToString(new byte[16]));
        assertThat(problems(p)).singleElement().asString().contains("must decode to 32 bytes (AES-256), not 16");
    }

    @Test
    void rateLimitsMustBeApplicable() {
        Map<String, String> p = valid();
        p.put("phone-gateway.rate-limit.requests", "0");
        p.put("phone-gateway.rate-limit.callers.orders.burst", "0");
        p.put("phone-gateway.rate-limit.callers.orders.period", "0s");
        assertThat(problems(p)).containsExactlyInAnyOrder("phone-gateway.rate-limit.requests must be at least 1",
                "phone-gateway.rate-limit.callers.orders.requests must be at least 1",
                "phone-gateway.rate-limit.callers.orders.period must be positive",
                "phone-gateway.rate-limit.callers.orders.burst must be at least 1");

        p.put("phone-gateway.rate-limit.enabled", "false");
        assertThat(problems(p)).isEmpty();
    }

    @Test
    void aRateLimitOfAnUnknownCallerIsRefusedWhileAuthenticating() {
        Map<String, String> p = valid();
        p.put("phone-gateway.rate-limit.callers.ordres.requests", "10");
        assertThat(problems(p)).singleElement().asString()
                .isEqualTo("phone-gateway.rate-limit.callers.ordres names no client under "
                        + "phone-gateway.auth.api-keys.<client>");
    }

    @Test
    void redisOverTlsNeedsTheHostnameVerificationAlgorithmOfItsTlsConfiguration() {
        Optional<String> tls = Optional.of("rediss://phone-gateway:secret-value@redis.internal:6380");
        assertThat(ConfigValidator.redisTlsProblem(tls, Optional.of("redis"), name -> Optional.empty()))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("quarkus.tls.redis.hostname-verification-algorithm is required for Redis over TLS")
                        .doesNotContain("secret-value"));
        assertThat(ConfigValidator.redisTlsProblem(tls, Optional.of("redis"), name -> Optional.of("HTTPS"))).isEmpty();
        assertThat(ConfigValidator.redisTlsProblem(Optional.of("redis://localhost:6379"), Optional.of("redis"),
                name -> Optional.empty())).as("no TLS").isEmpty();
        assertThat(ConfigValidator.redisTlsProblem(tls, Optional.empty(), name -> Optional.empty()))
                .as("the legacy quarkus.redis.tls.* keys set their own algorithm").isEmpty();
    }

    @Test
    void readsFromRedisReplicasAreRefused() {
        assertThat(ConfigValidator.redisReplicasProblem(Optional.of("share"))).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("quarkus.redis.replicas must be never"));
        assertThat(ConfigValidator.redisReplicasProblem(Optional.of("ALWAYS"))).isPresent();
        assertThat(ConfigValidator.redisReplicasProblem(Optional.of("never"))).isEmpty();
        assertThat(ConfigValidator.redisReplicasProblem(Optional.empty())).isEmpty();
    }

    @Test
    void redisOverTlsOnTheOlderKeysWithoutHostnameVerificationIsWarnedAbout() {
        Optional<String> tls = Optional.of("rediss://redis.internal:6380");
        assertThat(ConfigValidator.redisTlsWithoutHostnameVerification(tls, Optional.empty(), Optional.empty()))
                .hasValueSatisfying(w -> assertThat(w).contains("quarkus.redis.tls-configuration-name"));
        assertThat(ConfigValidator.redisTlsWithoutHostnameVerification(tls, Optional.empty(), Optional.of("NONE"))).isPresent();
        assertThat(ConfigValidator.redisTlsWithoutHostnameVerification(tls, Optional.empty(), Optional.of("HTTPS"))).isEmpty();
        assertThat(ConfigValidator.redisTlsWithoutHostnameVerification(tls, Optional.of("redis"), Optional.empty())).isEmpty();
        assertThat(ConfigValidator.redisTlsWithoutHostnameVerification(Optional.of("redis://localhost:6379"),
                Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void anAclUserTheRedisClientWouldIgnoreIsRefused() {
        assertThat(ConfigValidator.redisUserProblem(Optional.of("rediss://phone-gateway@redis.internal:6380")))
                .hasValueSatisfying(p -> assertThat(p).startsWith("quarkus.redis.hosts names a user without ':'"));
        assertThat(ConfigValidator.redisUserProblem(Optional.of("redis://a:6379,rediss://phone-gateway@b:6380"))).isPresent();
        assertThat(ConfigValidator.redisUserProblem(Optional.of("rediss://redis.internal:6380?user=phone-gateway"))).isEmpty();
        assertThat(ConfigValidator.redisUserProblem(Optional.of("rediss://phone-gateway:secret@redis.internal:6380")))
                .isEmpty();
        assertThat(ConfigValidator.redisUserProblem(Optional.of("redis://localhost:6379"))).isEmpty();
    }

    @Test
    void aHashedCallerWithoutPepperIsRefusedNamingTheProperty() {
        Map<String, String> p = valid();
        p.put("phone-gateway.auth.scopes.orders.phone-output", "hashed");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.auth.phone-hash-pepper")
                .contains("phone-gateway.auth.scopes.orders.phone-output=hashed");

        p.put("phone-gateway.auth.phone-hash-pepper", "short");
        assertThat(problems(p)).singleElement().asString().contains("at least 16");

        p.put("phone-gateway.auth.phone-hash-pepper", "a-pepper-of-enough-characters");
        assertThat(problems(p)).isEmpty();
    }

    @Test
    void aScopeMustNameAClientWithAKeyAndAppsThatExist() {
        Map<String, String> p = valid();
        p.put("phone-gateway.auth.scopes.nobody.admin", "true");
        p.put("phone-gateway.auth.scopes.orders.apps", "shop,game");
        assertThat(problems(p)).containsExactlyInAnyOrder(
                "phone-gateway.auth.scopes.nobody names no client under phone-gateway.auth.api-keys.<client>",
                "phone-gateway.auth.scopes.orders.apps names game, which is no app under phone-gateway.apps.<name>");
    }

    @Test
    void theLedgerKeepsAtLeastTheRunwaysWeekPricesAreNotNegativeAndCountsAreFlushed() {
        Map<String, String> p = valid();
        p.put("phone-gateway.ledger.retention-days", "7");
        p.put("phone-gateway.ledger.realtime-price", "-0.04");
        p.put("phone-gateway.ledger.flush-interval", "0s");
        assertThat(problems(p)).hasSize(3).anySatisfy(problem -> assertThat(problem).contains("retention-days"))
                .anySatisfy(problem -> assertThat(problem).contains("realtime-price"))
                .contains("phone-gateway.ledger.flush-interval must be positive");
    }
}
