package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.testsupport.GatewayProcess;
import io.restassured.http.ContentType;

/** The packaged service logs one JSON object per line, a lookup line with its fields, and no secret of any kind. */
class JsonLogsIT {

    private static final String API_KEY = "it-api-key-of-orders-7f3a9c";

    @Test
    void productionLogsAreJsonLinesWithoutPhonesCodesTokensOrSecrets() throws Exception {
        Map<String, String> props = GatewayProcess.selfContained();
        props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        props.put("phone-gateway.auth.enabled", "true");
        props.put("phone-gateway.auth.api-keys.orders", API_KEY);
        List<String> codes = new ArrayList<>();
        String log;
        try (GatewayProcess gateway = GatewayProcess.start("json-logs", props)) {
            codes.add(lookup(gateway, "13800138000", 200));
            codes.add(lookup(gateway, "13800138000", 422, "code-the-simulator-never-minted-7c1e"));
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("code", "abc")).post("/phone")
                    .then().statusCode(401);
            log = gateway.log();
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line)); // fails on any line that is not one JSON object
            }
        }
        List<JsonNode> lookups = lines.stream().filter(l -> l.path("message").asText().startsWith("lookup ")).toList();
        assertThat(lookups).hasSize(3);
        assertThat(lookups.get(0).path("mdc").path("outcome").asText()).isEqualTo("ok");
        assertThat(lookups.get(0).path("mdc").path("caller").asText()).isEqualTo("orders");
        assertThat(lookups.get(0).path("message").asText()).contains("phone=**********8000");
        assertThat(lookups.get(1).path("mdc").path("errcode").asText()).isEqualTo("40029");
        assertThat(lookups.get(2).path("mdc").path("outcome").asText()).isEqualTo("unauthorized");
        assertThat(log).doesNotContain("13800138000").doesNotContain(API_KEY).doesNotContain("it-secret-of-demo")
                .doesNotContainPattern("sim-[A-Za-z0-9]{16}").doesNotContain("access_token=");
        codes.forEach(code -> assertThat(log).doesNotContain(code));
    }

    private static String lookup(GatewayProcess gateway, String phone, int status) {
        String code = given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("phoneNumber", phone))
                .post("/simulator/control/codes").then().statusCode(201).extract().path("code");
        return lookup(gateway, phone, status, code);
    }

    private static String lookup(GatewayProcess gateway, String phone, int status, String code) {
        given().baseUri(gateway.url()).contentType(ContentType.JSON).auth().oauth2(API_KEY).body(Map.of("code", code))
                .post("/phone").then().statusCode(status);
        return code;
    }
}
