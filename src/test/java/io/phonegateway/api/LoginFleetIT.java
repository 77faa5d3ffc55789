package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
 * {@code POST /login} on packaged gateways: two replicas on one Redis share one exchange of each code, and every token
 * mode does what README "POST /login" says (stable and classic: code2Session with the AppSecret; cloud and cloudbase:
 * the user from Cloud Hosting's headers, refused without them).
 */
class LoginFleetIT {

    private static final String OPENID = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

    @Test
    void twoReplicasGivenTheSamePairAtOnceMakeOneCallOfEachKindFleetWide() throws Exception {
        String redis = RedisServerResource.startEmpty();
        try (GatewayProcess first = GatewayProcess.start("login-1", GatewayProcess.fleetReplica(redis, null))) {
            String wechat = first.url() + "/simulator";
            try (GatewayProcess second = GatewayProcess.start("login-2", GatewayProcess.fleetReplica(redis, wechat))) {
                given().baseUri(first.url()).post("/simulator/control/reset").then().statusCode(204);
                Map<String, String> codes = mint(first, OPENID, "13800138000");
                Map<String, Object> pair = Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode"));
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<String> answers = new ArrayList<>();
                try {
                    List<Future<String>> futures = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        String url = (i % 2 == 0 ? first : second).url();
                        futures.add(pool.submit(() -> given().baseUri(url).contentType(ContentType.JSON).body(pair)
                                .post("/login").then().statusCode(200).extract().asString()));
                    }
                    for (Future<String> future : futures) {
                        answers.add(future.get());
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(answers).allSatisfy(a -> assertThat(a).contains(OPENID).contains("+8613800138000")
                        .doesNotContain("session_key"));
                assertThat(calls(first, "jscode2session")).isEqualTo(1);
                assertThat(calls(first, "getuserphonenumber")).isEqualTo(1);
            }
        }
    }

    @Test
    void classicModeExchangesTheLoginCodeWithTheAppSecretBehindTheCallersKey() {
        Map<String, String> props = GatewayProcess.selfContained();
        props.put("phone-gateway.token.mode", "classic");
        props.put("phone-gateway.auth.enabled", "true");
        props.put("phone-gateway.auth.api-keys.orders", "it-key-of-orders-0123456789abcdef");
        props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        try (GatewayProcess gateway = GatewayProcess.start("login-classic", props)) {
            Map<String, String> codes = mint(gateway, OPENID, "13800138000");
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("loginCode", codes.get("loginCode")))
                    .post("/login/").then().statusCode(401)
                    .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));

            given().baseUri(gateway.url()).contentType(ContentType.JSON).auth().oauth2("it-key-of-orders-0123456789abcdef")
                    .body(Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode")))
                    .post("/login").then().statusCode(200).body("openid", equalTo(OPENID))
                    .body("phone.purePhoneNumber", equalTo("13800138000"));
            assertThat(calls(gateway, "jscode2session")).isEqualTo(1);
            assertThat(calls(gateway, "token")).isEqualTo(1);
        }
    }

    @Test
    void cloudModesTakeTheUserFromCloudHostingsHeadersAndRefuseWithoutThem() {
        for (String mode : List.of("cloud", "cloudbase")) {
            Map<String, String> props = GatewayProcess.selfContained();
            props.put("phone-gateway.token.mode", mode);
            props.remove("phone-gateway.apps.demo.app-secret"); // Cloud Hosting needs none
            props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
            try (GatewayProcess gateway = GatewayProcess.start("login-" + mode, props)) {
                given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("enabled", true))
                        .put("/simulator/control/open-interface").then().statusCode(204);
                Map<String, String> codes = mint(gateway, OPENID, "13800138000");
                String cloudbaseToken = mode.equals("cloudbase") ? given().baseUri(gateway.url()).contentType(ContentType.JSON)
                        .body(Map.of()).post("/simulator/control/cloudbase-tokens").then().statusCode(201).extract()
                        .path("token") : null;

                cloudLogin(gateway, cloudbaseToken,
                        Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode")))
                        .header("X-WX-OPENID", OPENID).header("X-WX-UNIONID", "oUnion-of-the-user")
                        .post("/login").then().statusCode(200).body("openid", equalTo(OPENID))
                        .body("unionid", equalTo("oUnion-of-the-user")).body("phone.purePhoneNumber", equalTo("13800138000"));
                cloudLogin(gateway, cloudbaseToken, Map.of("loginCode", codes.get("loginCode")))
                        .post("/login").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                        .body("detail", org.hamcrest.Matchers.containsString("X-WX-OPENID"));
                Map<String, String> other = mint(gateway, "o-someone-else-000000001", "13900139000");
                cloudLogin(gateway, cloudbaseToken,
                        Map.of("loginCode", other.get("loginCode"), "phoneCode", other.get("phoneCode")))
                        .header("X-WX-OPENID", OPENID)
                        .post("/login").then().statusCode(422).body("code", equalTo("INVALID_CODE")); // the simulator's default guess
                assertThat(calls(gateway, "jscode2session")).as(mode).isZero();
            }
        }
    }

    private static io.restassured.specification.RequestSpecification cloudLogin(GatewayProcess gateway, String cloudbaseToken,
            Map<String, Object> body) {
        var request = given().baseUri(gateway.url()).contentType(ContentType.JSON).body(body);
        return cloudbaseToken == null ? request : request.header("X-WX-CLOUDBASE-ACCESS-TOKEN", cloudbaseToken);
    }

    private static Map<String, String> mint(GatewayProcess gateway, String openid, String phone) {
        return given().baseUri(gateway.url()).contentType(ContentType.JSON)
                .body(Map.of("openid", openid, "phoneNumber", phone)).post("/simulator/control/login-codes")
                .then().statusCode(201).extract().jsonPath().getMap("", String.class, String.class);
    }

    private static int calls(GatewayProcess gateway, String api) {
        Integer n = given().baseUri(gateway.url()).get("/simulator/control/stats").then().statusCode(200)
                .extract().path("calls." + api);
        return n == null ? 0 : n;
    }
}
