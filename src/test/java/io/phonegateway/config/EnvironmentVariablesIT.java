package io.phonegateway.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.Simulator;
import io.restassured.http.ContentType;

/**
 * Configuration as Kubernetes passes it ({@code envFrom} a ConfigMap and a Secret): environment variables only,
 * including the map-keyed ones ({@code PHONE_GATEWAY_APPS_<NAME>_APP_SECRET}, {@code PHONE_GATEWAY_AUTH_API_KEYS_<CLIENT>}).
 */
class EnvironmentVariablesIT {

    @Test
    void mapKeyedSettingsReachTheServiceFromTheEnvironment() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("PHONE_GATEWAY_APPS_SHOP_APP_ID", Simulator.DEMO_APP_ID),
                Map.entry("PHONE_GATEWAY_APPS_SHOP_APP_SECRET", "shop-secret-from-env"),
                Map.entry("PHONE_GATEWAY_APPS_NEWS_APP_ID", Simulator.OTHER_APP_ID),
                Map.entry("PHONE_GATEWAY_APPS_NEWS_APP_SECRET", "news-secret-from-env"),
                Map.entry("PHONE_GATEWAY_DEFAULT_APP", "shop"),
                Map.entry("PHONE_GATEWAY_AUTH_API_KEYS_ORDERS", "orders-key-from-env"),
                Map.entry("PHONE_GATEWAY_TOKEN_STORE", "local"),
                Map.entry("PHONE_GATEWAY_SIMULATOR_ENABLED", "true"),
                Map.entry("QUARKUS_REST_CLIENT_WECHAT_URL", "http://localhost:{port}/simulator"),
                // base64 of 32 bytes, a test value: the result cache needs a key outside dev and test
                Map.entry("PHONE_GATEWAY_RESULT_CACHE_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
                // rate limits counted in the process: this gateway has no Redis
                Map.entry("PHONE_GATEWAY_RATE_LIMIT_STORE", "local"));
        try (GatewayProcess gateway = GatewayProcess.start("environment-variables", Map.of(), env)) {
            // the simulator now accepts only these secrets: a token fetch proves the gateway holds them
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("secret", "shop-secret-from-env"))
                    .put("/simulator/control/apps/" + Simulator.DEMO_APP_ID).then().statusCode(204);
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("secret", "news-secret-from-env"))
                    .put("/simulator/control/apps/" + Simulator.OTHER_APP_ID).then().statusCode(204);

            lookup(gateway, null, "Bearer orders-key-from-env").statusCode(200).body("watermark.appId",
                    equalTo(Simulator.DEMO_APP_ID));
            lookup(gateway, Simulator.OTHER_APP_ID, "Bearer orders-key-from-env").statusCode(200)
                    .body("watermark.appId", equalTo(Simulator.OTHER_APP_ID));
            lookup(gateway, null, "Bearer some-other-key").statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        }
    }

    private static io.restassured.response.ValidatableResponse lookup(GatewayProcess gateway, String appId,
            String authorization) {
        Map<String, Object> mint = appId == null
                ? Map.of("phoneNumber", "13800138000")
                : Map.of("phoneNumber", "13800138000", "appId", appId);
        String code = given().baseUri(gateway.url()).contentType(ContentType.JSON).body(mint)
                .post("/simulator/control/codes").then().statusCode(201).extract().path("code");
        String body = appId == null ? "{\"code\":\"" + code + "\"}" : "{\"code\":\"" + code + "\",\"appId\":\"" + appId + "\"}";
        return given().baseUri(gateway.url()).contentType(ContentType.JSON).header("Authorization", authorization)
                .body(body).when().post("/phone").then();
    }
}
