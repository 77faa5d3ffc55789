package io.phonegateway.testsupport;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.phonegateway.wechat.UpstreamBreakers;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;

/** Drives the built-in WeChat simulator's control API (under {@code /simulator/control}) from tests. */
public final class Simulator {

    public static final String DEMO_APP_ID = "wx4f4bc4dec97d474b";
    public static final String OTHER_APP_ID = "wx00000000000000b2";

    private Simulator() {
    }

    /** Forgets the simulator's codes, tokens, faults and counters. */
    public static void reset() {
        given().post("/simulator/control/reset").then().statusCode(204);
    }

    /** Mints a single-use code at the simulator for a CN number of the demo app. */
    /** Zeroes the simulator's counters; tokens, codes and faults stay. */
    public static void resetStats() {
        given().post("/simulator/control/stats/reset").then().statusCode(204);
    }

    /**
     * A clean world for one component test: the simulator forgets everything, the gateway's circuit breakers
     * close, the gateway holds a token the simulator accepts (one warm-up lookup), and the counters start at 0.
     */
    public static void freshStart() {
        reset();
        Arc.container().instance(UpstreamBreakers.class).get().reset();
        given().contentType(ContentType.JSON).body(Map.of("code", mintCode("13800138000")))
                .post("/phone").then().statusCode(200);
        resetStats();
    }

    public static String mintCode(String phoneNumber) {
        return mintCode(Map.of("phoneNumber", phoneNumber, "countryCode", "86"));
    }

    public static String mintCode(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/simulator/control/codes")
                .then().statusCode(201)
                .extract().path("code");
    }

    /**
     * A {@code wx.login} code of user {@code openid} (with {@code unionid} when not null) for the default app, and with
     * {@code phoneNumber} (when not null) a phone code of the same user: keys {@code loginCode} and {@code phoneCode}.
     */
    public static Map<String, String> mintLogin(String openid, String unionid, String phoneNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("openid", openid);
        if (unionid != null) {
            body.put("unionid", unionid);
        }
        if (phoneNumber != null) {
            body.put("phoneNumber", phoneNumber);
        }
        return mintLogin(body);
    }

    public static Map<String, String> mintLogin(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/simulator/control/login-codes")
                .then().statusCode(201)
                .extract().jsonPath().getMap("", String.class, String.class);
    }

    /** WeChat's per-user jscode2session limit a minute. */
    public static void loginLimit(int perMinute) {
        given().contentType(ContentType.JSON).body(Map.of("perMinute", perMinute))
                .put("/simulator/control/login-limit").then().statusCode(204);
    }

    public static void highRisk(String openid, boolean enabled) {
        given().contentType(ContentType.JSON).body(Map.of("openid", openid, "enabled", enabled))
                .put("/simulator/control/high-risk").then().statusCode(204);
    }

    /** What getuserphonenumber answers for a phone code presented with another user's openid. */
    public static void foreignOpenidErrcode(int errcode) {
        given().contentType(ContentType.JSON).body(Map.of("errcode", errcode))
                .put("/simulator/control/foreign-openid-errcode").then().statusCode(204);
    }

    /** The next {@code times} calls of {@code api} answer with {@code errcode}. */
    public static void failWithErrcode(String api, int errcode, int times) {
        fault(Map.of("api", api, "type", "errcode", "errcode", errcode, "times", times));
    }

    public static void fault(Map<String, Object> fault) {
        given().contentType(ContentType.JSON).body(fault).post("/simulator/control/faults").then().statusCode(204);
    }

    public static void setAppSecret(String appId, String secret) {
        given().contentType(ContentType.JSON).body(Map.of("secret", secret))
                .put("/simulator/control/apps/" + appId).then().statusCode(204);
    }

    public static int calls(String api) {
        Integer n = given().get("/simulator/control/stats").then().statusCode(200).extract().path("calls." + api);
        return n == null ? 0 : n;
    }

    /** As {@link #calls(String)}, at the simulator of the gateway at {@code baseUrl} (a packaged service). */
    public static int calls(String baseUrl, String api) {
        Integer n = given().baseUri(baseUrl).get("/simulator/control/stats").then().statusCode(200).extract()
                .path("calls." + api);
        return n == null ? 0 : n;
    }

    /** Total calls that reached any WeChat endpoint of the simulator. */
    public static int allCalls() {
        return calls("getuserphonenumber") + calls("stable_token") + calls("token");
    }

    public static int tokensIssued(String api) {
        Integer n = given().get("/simulator/control/stats").then().statusCode(200).extract().path("tokensIssued." + api);
        return n == null ? 0 : n;
    }

    public static Map<String, Object> phone(String phoneNumber, String countryCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("phoneNumber", phoneNumber);
        body.put("countryCode", countryCode);
        return body;
    }
}
