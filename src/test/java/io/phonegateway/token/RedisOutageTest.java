package io.phonegateway.token;

import static io.phonegateway.token.Replicas.DEMO;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.redis.RedisStatus;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Redis stopped in the middle of a test and started again: stable mode keeps serving (near copy, then a
 * rate-limited direct fetch), classic mode never fetches without the fleet lock, nothing hangs, readiness
 * reports the degradation and recovery is automatic.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class RedisOutageTest {

    /** Longer than the Redis command timeout: any call that waited on the dead Redis would show. */
    private static final Duration NO_HANG = Duration.ofSeconds(3);

    @Inject
    Replicas replicas;

    @Inject
    RedisStatus status;

    @BeforeEach
    void emptyWorld() {
        Assumptions.assumeTrue(RedisServerResource.embedded(), "needs the suite's own Redis, which it may stop");
        Simulator.reset();
        replicas.flush();
    }

    @AfterEach
    void redisBack() {
        if (RedisServerResource.embedded()) {
            RedisServerResource.restart();
        }
    }

    @Test
    void stableModeServesThroughAnOutageAndRecoversWhenRedisReturns() throws InterruptedException {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.near-cache-ttl", "200ms"));
        AccessTokenProvider warm = replicas.provider(config);
        String token = credential(warm);

        RedisServerResource.stopServer();
        assertThat(credential(warm)).isEqualTo(token); // near copy (or, once aged, the held copy after a failed read)
        AccessTokenProvider cold = replicas.provider(config);
        assertThat(credential(cold)).isEqualTo(token); // a direct fetch: stable mode hands out the same token
        assertThat(Simulator.calls("stable_token")).isEqualTo(2);
        assertThat(status.downSince()).isPresent();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'tokens' }.data.degraded", equalTo(true));

        RedisServerResource.restart();
        for (int i = 0; i < 50 && status.downSince().isPresent(); i++) {
            Thread.sleep(100);
            credential(replicas.provider(config));
        }
        assertThat(status.downSince()).isEmpty();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'tokens' }.data.degraded", equalTo(false));
    }

    @Test
    void aColdReplicaFetchesDirectlyAtMostOncePerInterval() {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.direct-fetch-interval", "1h"));
        RedisServerResource.stopServer();
        AccessTokenProvider cold = replicas.provider(config);
        credential(cold);

        // WeChat now rejects the token: a second direct fetch within the interval is refused, not looped
        Throwable refused = catchThrowable(() -> cold.replacementFor(DEMO,
                io.phonegateway.wechat.Credential.accessToken(credential(cold))).await().atMost(NO_HANG));

        assertThat(refused).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) refused).code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
        assertThat(Simulator.calls("stable_token")).isEqualTo(1);
    }

    @Test
    void classicModeWithoutRedisNeverStartsATokenWar() {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.mode", "classic"));
        RedisServerResource.stopServer();

        Throwable refused = catchThrowable(() -> credential(replicas.provider(config)));

        assertThat(refused).isInstanceOf(GatewayException.class);
        assertThat(((GatewayException) refused).code()).isEqualTo(ProblemCode.UPSTREAM_UNAVAILABLE);
        assertThat(Simulator.calls("token")).isZero();
    }

    private static String credential(AccessTokenProvider provider) {
        return provider.credentialFor(DEMO, Optional.empty()).await().atMost(NO_HANG).value();
    }
}
