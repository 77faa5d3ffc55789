package io.phonegateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RedisProcesses;
import io.phonegateway.testsupport.RedisTlsResource;
import io.phonegateway.testsupport.Simulator;

/**
 * The packaged gateway on a TLS-only Redis with an ACL user that may run only the commands docs/redis.md lists:
 * it serves with the right CA, user and password (TLS from the Quarkus TLS registry, host names verified), and
 * refuses an untrusted certificate, a certificate for another host and a wrong password with a readiness DOWN
 * and an error line that name the property to check, never the secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisTlsIT {

    private static final String WRONG_PASSWORD = "not-the-password-of-this-user";

    private RedisTlsResource redis;

    @BeforeAll
    void startRedis() {
        redis = RedisTlsResource.start();
    }

    @AfterAll
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void withTheRightCaUserAndPasswordTheGatewayServesThroughTheAclUser() {
        // as on Kubernetes: the Redis and TLS keys as environment variables, the password apart from the URL
        Map<String, String> props = gateway("localhost", RedisTlsResource.PASSWORD, redis.trustedCa().toString());
        props.remove("quarkus.redis.hosts");
        props.remove("quarkus.redis.tls-configuration-name");
        props.remove("quarkus.tls.redis.trust-store.pem.certs");
        props.remove("quarkus.tls.redis.hostname-verification-algorithm");
        Map<String, String> env = Map.of(
                "QUARKUS_REDIS_HOSTS", redis.hostsWithUserOnly("localhost"),
                "QUARKUS_REDIS_PASSWORD", RedisTlsResource.PASSWORD,
                "QUARKUS_REDIS_TLS_CONFIGURATION_NAME", "redis",
                "QUARKUS_TLS_REDIS_TRUST_STORE_PEM_CERTS", redis.trustedCa().toString(),
                "QUARKUS_TLS_REDIS_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        try (GatewayProcess gateway = GatewayProcess.start("redis-tls-ok", props, env)) {
            String ready = get(gateway, "/q/health/ready").body();
            assertThat(ready).contains("\"redis\": \"up\"");
            for (int i = 0; i < 2; i++) {
                // one lookup runs every script: rate limit, code claim, token lock and write, code store
                HttpResponse<String> answer = lookup(gateway);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
            assertThat(redis.keys("phone-gateway:{" + Simulator.DEMO_APP_ID + "}:*"))
                    .contains("phone-gateway:{" + Simulator.DEMO_APP_ID + "}:token:stable")
                    .anyMatch(key -> key.contains(":code:"));
            assertThat(redis.aclLog()).as("commands the ACL user was denied").isEmpty();
            assertThat(gateway.log()).doesNotContain(RedisTlsResource.PASSWORD).doesNotContain("Redis failed");
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedNamingTheTrustStore() throws Exception {
        Map<String, String> props = gateway("localhost", RedisTlsResource.PASSWORD, redis.untrustedCa().toString());
        assertRefused("redis-tls-untrusted", props, "TLS handshake failed", "quarkus.redis.tls-configuration-name",
                "quarkus.tls.<name>.trust-store");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        // the certificate names localhost; 127.0.0.1 is the same server, but not the name it proves
        Map<String, String> props = gateway("127.0.0.1", RedisTlsResource.PASSWORD, redis.trustedCa().toString());
        assertRefused("redis-tls-hostname", props, "TLS handshake failed", "names the host of quarkus.redis.hosts");
    }

    @Test
    void aWrongPasswordIsRefusedNamingThePasswordPropertyNeverThePassword() throws Exception {
        Map<String, String> props = gateway("localhost", WRONG_PASSWORD, redis.trustedCa().toString());
        assertRefused("redis-tls-wrong-password", props, "credentials refused", "quarkus.redis.password");
    }

    @Test
    void aTlsConfigurationWithoutHostnameVerificationAlgorithmRefusesToStart() throws Exception {
        Map<String, String> props = gateway("localhost", RedisTlsResource.PASSWORD, redis.trustedCa().toString());
        props.remove("quarkus.tls.redis.hostname-verification-algorithm");
        try (GatewayProcess gateway = GatewayProcess.launch("redis-tls-no-algorithm", props, Map.of())) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.log()).contains("quarkus.tls.redis.hostname-verification-algorithm is required")
                    .doesNotContain(RedisTlsResource.PASSWORD);
        }
    }

    /** Starts a gateway that must stay unready, and reads why from its readiness and its log. */
    private void assertRefused(String name, Map<String, String> props, String... expected) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.launch(name, props, Map.of())) {
            HttpResponse<String>[] last = new HttpResponse[1];
            RedisProcesses.await(name + ": readiness DOWN with the Redis failure", Duration.ofSeconds(60), () -> {
                last[0] = get(gateway, "/q/health/ready");
                return last[0].statusCode() == 503 && last[0].body().contains("redisFailure");
            });
            assertThat(last[0].body()).contains(expected).doesNotContain(RedisTlsResource.PASSWORD)
                    .doesNotContain(WRONG_PASSWORD);
            RedisProcesses.await(name + ": the startup error line", Duration.ofSeconds(10),
                    () -> gateway.log().contains("Redis refused this replica at startup"));
            String log = gateway.log();
            assertThat(log.lines().filter(line -> line.contains("Redis refused this replica at startup")).findFirst()
                    .orElseThrow()).contains(expected).contains("ERROR");
            assertThat(log).doesNotContain(RedisTlsResource.PASSWORD).doesNotContain(WRONG_PASSWORD);
        }
    }

    private Map<String, String> gateway(String host, String password, String trustedCa) {
        Map<String, String> p = GatewayProcess.selfContained();
        p.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        p.put("phone-gateway.token.store", "redis");
        p.put("phone-gateway.rate-limit.enabled", "true");
        p.put("phone-gateway.rate-limit.store", "redis");
        p.put("phone-gateway.token.redis-timeout", "2s");
        p.put("phone-gateway.rate-limit.redis-timeout", "2s");
        p.put("quarkus.redis.hosts", redis.hosts(host, password));
        p.put("quarkus.redis.tls-configuration-name", "redis");
        p.put("quarkus.tls.redis.trust-store.pem.certs", trustedCa);
        p.put("quarkus.tls.redis.hostname-verification-algorithm", "HTTPS");
        return p;
    }

    private static HttpResponse<String> lookup(GatewayProcess gateway) {
        return TwoReplicas.send(gateway, "POST", "/phone", "{\"code\":\"" + TwoReplicas.mint(gateway, "13800138000") + "\"}",
                null, Duration.ofSeconds(15));
    }

    private static HttpResponse<String> get(GatewayProcess gateway, String path) {
        return TwoReplicas.send(gateway, "GET", path, null, null, Duration.ofSeconds(10));
    }
}
