package io.phonegateway.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RedisServerResource;
import io.restassured.http.ContentType;

/**
 * SIGTERM to a packaged replica whose counts still linger (its flush interval an hour): the stop writes them while
 * Redis is still open (Quarkus' ShutdownEvent comes before the Redis client closes), so another replica's
 * {@code /usage} shows them, and nothing is reported lost.
 */
class LedgerShutdownIT {

    @Test
    void countsThatLingerAtSigtermAreInRedisAfterTheStop() throws Exception {
        String redis = RedisServerResource.startEmpty();
        GatewayProcess counting = GatewayProcess.start("ledger-stop-counting", lingering(redis, null));
        try (GatewayProcess reading = GatewayProcess.start("ledger-stop-reading",
                lingering(redis, counting.url() + "/simulator"))) {
            for (String phone : List.of("13800138000", "13800138001")) {
                String code = given().baseUri(counting.url()).contentType(ContentType.JSON)
                        .body(Map.of("phoneNumber", phone)).post("/simulator/control/codes").then().statusCode(201)
                        .extract().path("code");
                given().baseUri(counting.url()).contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone")
                        .then().statusCode(200);
            }
            assertThat(rows(reading)).as("the counts linger in the replica that made them").isEmpty();

            counting.process().destroy(); // SIGTERM
            assertThat(counting.awaitExit(Duration.ofSeconds(30))).as("exit status after SIGTERM").isIn(0, 143);

            assertThat(counting.log()).doesNotContain("could not write");
            assertThat(rows(reading)).singleElement().satisfies(row -> {
                assertThat(row.get("app")).isEqualTo("demo");
                assertThat(row.get("paid")).isEqualTo(2);
            });
        } finally {
            counting.close();
        }
    }

    private static Map<String, String> lingering(String redis, String wechat) {
        Map<String, String> p = GatewayProcess.fleetReplica(redis, wechat);
        p.put("phone-gateway.ledger.flush-interval", "1h");
        p.put("quarkus.shutdown.delay", "500ms");
        return p;
    }

    private static List<Map<String, Object>> rows(GatewayProcess replica) {
        return given().baseUri(replica.url()).get("/usage").then().statusCode(200).extract().path("rows");
    }
}
