package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Liveness is the process; readiness says what serves lookups, stays up through a Redis outage, and tells no secret. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class HealthTest {

    private static final String TOKENS = "checks.find { it.name == 'tokens' }";

    @Test
    void livenessIsTheProcess() {
        given().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'process' }.status", equalTo("UP"));
    }

    @Test
    void readinessReportsTokenModeStoreRedisAndTokensWithoutSecrets() {
        Simulator.freshStart();
        String code = Simulator.mintCode("13800138000");
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then().statusCode(200);

        String body = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(TOKENS + ".data.tokenMode", equalTo("stable"))
                .body(TOKENS + ".data.tokenStore", equalTo("redis"))
                .body(TOKENS + ".data.redis", equalTo("up"))
                .body(TOKENS + ".data.degraded", equalTo(false))
                .body(TOKENS + ".data.'token.demo'", startsWith("expires in "))
                .extract().asString();
        assertThat(body).doesNotContain("test-only-secret").doesNotContain("sim-").doesNotContain(code);
    }

    @Test
    void aRedisOutageDegradesButDoesNotTakeTheReplicaOut() {
        assumeThat(RedisServerResource.embedded()).as("the suite runs its own Redis").isTrue();
        RedisServerResource.stopServer();
        try {
            given().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"))
                    .body(TOKENS + ".data.redis", equalTo("down"))
                    .body(TOKENS + ".data.redisFailure", equalTo("connection lost"))
                    .body(TOKENS + ".data.degraded", equalTo(true));
        } finally {
            RedisServerResource.restart();
        }
        given().get("/q/health/ready").then().statusCode(200).body(TOKENS + ".data.redis", equalTo("up"));
    }
}
