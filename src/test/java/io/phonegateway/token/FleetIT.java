package io.phonegateway.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RedisServerResource;
import io.restassured.http.ContentType;

/**
 * Three packaged gateways, one Redis, one simulator (served by the first gateway, which is WeChat for all
 * three): 60 concurrent first lookups spread over the fleet make exactly one token fetch.
 */
class FleetIT {

    @Test
    void sixtyConcurrentFirstLookupsOnThreeProcessesMakeOneTokenFetch() throws Exception {
        String redis = RedisServerResource.startEmpty();
        try (GatewayProcess first = GatewayProcess.start("fleet-1", GatewayProcess.fleetReplica(redis, null))) {
            String wechat = first.url() + "/simulator";
            try (GatewayProcess second = GatewayProcess.start("fleet-2", GatewayProcess.fleetReplica(redis, wechat));
                    GatewayProcess third = GatewayProcess.start("fleet-3", GatewayProcess.fleetReplica(redis, wechat))) {
                given().baseUri(first.url()).post("/simulator/control/reset").then().statusCode(204);
                for (GatewayProcess replica : List.of(first, second, third)) {
                    given().baseUri(replica.url()).get("/q/health/ready").then().statusCode(200);
                }
                List<String> codes = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    codes.add(given().baseUri(first.url()).contentType(ContentType.JSON)
                            .body(Map.of("phoneNumber", String.format("139%08d", i)))
                            .post("/simulator/control/codes").then().statusCode(201).extract().path("code"));
                }
                List<GatewayProcess> fleet = List.of(first, second, third);
                ExecutorService pool = Executors.newFixedThreadPool(60);
                try {
                    List<Future<Integer>> statuses = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        String url = fleet.get(i % 3).url();
                        String code = codes.get(i);
                        statuses.add(pool.submit(() -> given().baseUri(url).contentType(ContentType.JSON)
                                .body(Map.of("code", code)).post("/phone").statusCode()));
                    }
                    for (Future<Integer> status : statuses) {
                        assertThat(status.get()).isEqualTo(200);
                    }
                } finally {
                    pool.shutdownNow();
                }
                Integer fetches = given().baseUri(first.url()).get("/simulator/control/stats")
                        .then().statusCode(200).extract().path("calls.stable_token");
                assertThat(fetches).isEqualTo(1);
            }
        }
    }

}
