package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RawHttp;
import io.restassured.http.ContentType;

/** The packaged service, started as users start it, in the production profile. */
class PackagedJarIT {

    @Test
    void servesALookupAgainstItsOwnSimulatorWhenTold() throws Exception {
        Map<String, String> props = GatewayProcess.selfContained();
        props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        props.put("phone-gateway.request.header-timeout", "1s");
        try (GatewayProcess gateway = GatewayProcess.start("packaged-lookup", props)) {
            String code = given().baseUri(gateway.url()).contentType(ContentType.JSON)
                    .body(Map.of("phoneNumber", "13800138000"))
                    .post("/simulator/control/codes").then().statusCode(201).extract().path("code");

            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("code", code))
                    .when().post("/phone")
                    .then().statusCode(200).body("e164", equalTo("+8613800138000"));
            assertThat(gateway.log()).doesNotContain("13800138000").doesNotContain(code).doesNotContain("it-secret-of-demo");

            // the header-read timeout's Vert.x service provider is found in the fast-jar too
            RawHttp.Answer stalled = RawHttp.exchange(gateway.port(),
                    "POST /phone HTTP/1.1\r\nHost: t\r\nContent-Ty".getBytes(StandardCharsets.US_ASCII),
                    Duration.ofSeconds(20));
            assertThat(stalled.status()).isEqualTo(408);
            assertThat(stalled.body()).contains("\"code\":\"REQUEST_TIMEOUT\"");
        }
    }

    @Test
    void theSimulatorIsUnreachableWhenOff() {
        Map<String, String> props = GatewayProcess.selfContained();
        props.remove("phone-gateway.simulator.enabled");
        try (GatewayProcess gateway = GatewayProcess.start("packaged-no-simulator", props)) {
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("phoneNumber", "13800138000"))
                    .post("/simulator/control/codes").then().statusCode(404);
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body("{\"grant_type\":\"client_credential\"}")
                    .post("/simulator/cgi-bin/stable_token").then().statusCode(404);
            given().baseUri(gateway.url()).get("/simulator/control/stats").then().statusCode(404);
        }
    }

    @Test
    void refusesToStartWithoutAnApp() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("phone-gateway.auth.enabled", "false");
        props.put("phone-gateway.token.store", "local");
        GatewayProcess gateway = GatewayProcess.launch("packaged-no-app", props, Map.of());
        try {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.log()).contains("phone-gateway.apps.<name>.app-id is required");
        } finally {
            gateway.close();
        }
    }
}
