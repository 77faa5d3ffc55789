package io.phonegateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The simulator speaks WeChat: token rules, single-use codes, errcodes, faults, counters. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class WechatSimulatorTest {

    private static final String SECRET = "test-only-secret-of-demo";
    private static final String RID = ".* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

    @BeforeEach
    void reset() {
        Simulator.reset();
    }

    @Test
    void stableTokenNormalModeReturnsTheSameTokenAndForceReplacesIt() {
        String first = stable(Simulator.DEMO_APP_ID, SECRET, false).body("expires_in", equalTo(7200)).extract()
                .path("access_token");
        stable(Simulator.DEMO_APP_ID, SECRET, false).body("access_token", equalTo(first)).body("expires_in",
                lessThanOrEqualTo(7200));
        String forced = stable(Simulator.DEMO_APP_ID, SECRET, true).extract().path("access_token");

        assertThat(forced).isNotEqualTo(first);
        phone(first, Simulator.mintCode("13800138000")).body("errcode", equalTo(40001));
        phone(forced, Simulator.mintCode("13800138000")).body("errcode", equalTo(0));
        assertThat(Simulator.tokensIssued("stable_token")).isEqualTo(2);
    }

    @Test
    void aForceRefreshWithin30SecondsOfTheLastIsIgnored() {
        String forced = stable(Simulator.DEMO_APP_ID, SECRET, true).extract().path("access_token");

        stable(Simulator.DEMO_APP_ID, SECRET, true).body("access_token", equalTo(forced));
    }

    @Test
    void classicTokenReplacesThePreviousWhichKeepsWorkingForTheOverlap() {
        String first = classic(Simulator.DEMO_APP_ID, SECRET).extract().path("access_token");
        String second = classic(Simulator.DEMO_APP_ID, SECRET).extract().path("access_token");

        assertThat(second).isNotEqualTo(first);
        phone(first, Simulator.mintCode("13800138000")).body("errcode", equalTo(0));
        phone(second, Simulator.mintCode("13800138000")).body("errcode", equalTo(0));
        assertThat(Simulator.tokensIssued("token")).isEqualTo(2);
    }

    @Test
    void refusesWrongCredentialsAsWechatDoes() {
        stable(Simulator.DEMO_APP_ID, "wrong", false).body("errcode", equalTo(40125)).body("errmsg", matchesPattern(RID));
        stable("wx0123456789abcdef", SECRET, false).body("errcode", equalTo(40013));
        stable("", SECRET, false).body("errcode", equalTo(41002));
        stable(Simulator.DEMO_APP_ID, "", false).body("errcode", equalTo(41004));
        classic(Simulator.DEMO_APP_ID, "wrong").body("errcode", equalTo(40125));
        given().get("/simulator/cgi-bin/stable_token").then().body("errcode", equalTo(43002));
    }

    @Test
    void answersMissingUnknownAndExpiredTokens() throws InterruptedException {
        String code = Simulator.mintCode("13800138000");
        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/simulator/wxa/business/getuserphonenumber").then().body("errcode", equalTo(41001));
        phone("not-a-token", code).body("errcode", equalTo(40001));

        given().contentType(ContentType.JSON).body(Map.of("secret", SECRET, "tokenLifetimeSeconds", 1))
                .put("/simulator/control/apps/" + Simulator.DEMO_APP_ID).then().statusCode(204);
        String shortLived = classic(Simulator.DEMO_APP_ID, SECRET).body("expires_in", equalTo(1)).extract()
                .path("access_token");
        Thread.sleep(1100);
        phone(shortLived, code).body("errcode", equalTo(42001));
    }

    @Test
    void exchangesACodeOnceOnlyForItsOwnAppAndOpenid() {
        String token = stable(Simulator.DEMO_APP_ID, SECRET, false).extract().path("access_token");
        String otherToken = stable(Simulator.OTHER_APP_ID, "test-only-secret-of-other", false).extract().path("access_token");
        Map<String, Object> mint = Simulator.phone("13800138000", "86");
        mint.put("openid", "o-user-1");
        String code = Simulator.mintCode(mint);

        phone(otherToken, code).body("errcode", equalTo(40029)).body("errmsg", startsWith("invalid code"));
        phone(token, code, "o-someone-else").body("errcode", equalTo(40029));
        phone(token, code, "o-user-1").body("errcode", equalTo(0))
                .body("phone_info.phoneNumber", equalTo("13800138000"))
                .body("phone_info.purePhoneNumber", equalTo("13800138000"))
                .body("phone_info.countryCode", equalTo("86"))
                .body("phone_info.watermark.appid", equalTo(Simulator.DEMO_APP_ID))
                .body("phone_info.watermark.timestamp", greaterThan(1_600_000_000));
        phone(token, code, "o-user-1").body("errcode", equalTo(40029));
        assertThat(Simulator.calls("getuserphonenumber")).isEqualTo(4);
    }

    @Test
    void foreignNumbersCarryTheirCountryCodeAndExpiredCodesFail() {
        String token = stable(Simulator.DEMO_APP_ID, SECRET, false).extract().path("access_token");
        Map<String, Object> foreign = Simulator.phone("+852 61234567", "852");
        foreign.put("countryCodeAsNumber", true);
        phone(token, Simulator.mintCode(foreign)).body("phone_info.purePhoneNumber", equalTo("61234567"))
                .body("phone_info.countryCode", equalTo(852));

        Map<String, Object> expired = new HashMap<>(Simulator.phone("13800138000", "86"));
        expired.put("lifetimeSeconds", 0);
        phone(token, Simulator.mintCode(expired)).body("errcode", equalTo(40029));
    }

    @Test
    void injectedFaultsLastTheirCountThenTheNormalAnswerReturns() {
        String token = stable(Simulator.DEMO_APP_ID, SECRET, false).extract().path("access_token");
        String code = Simulator.mintCode("13800138000");
        Simulator.failWithErrcode("getuserphonenumber", -1, 2);
        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "http-status", "httpStatus", 502));
        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "malformed"));
        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "delay", "delayMillis", 300));

        phone(token, code).body("errcode", equalTo(-1));
        phone(token, code).body("errcode", equalTo(-1));
        given().contentType(ContentType.JSON).body(Map.of("code", code)).queryParam("access_token", token)
                .post("/simulator/wxa/business/getuserphonenumber").then().statusCode(502);
        String malformed = given().contentType(ContentType.JSON).body(Map.of("code", code)).queryParam("access_token", token)
                .post("/simulator/wxa/business/getuserphonenumber").then().statusCode(200).extract().asString();
        assertThat(malformed).startsWith("{").doesNotEndWith("}");
        long start = System.nanoTime();
        phone(token, code).body("errcode", equalTo(0));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aFaultThatConsumesTheCodeSpendsIt() {
        String token = stable(Simulator.DEMO_APP_ID, SECRET, false).extract().path("access_token");
        String code = Simulator.mintCode("13800138000");
        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "http-status", "httpStatus", 500, "consumeCode", true));

        given().contentType(ContentType.JSON).body(Map.of("code", code)).queryParam("access_token", token)
                .post("/simulator/wxa/business/getuserphonenumber").then().statusCode(500);
        phone(token, code).body("errcode", equalTo(40029));
    }

    @Test
    void cloudModesNeedNoTokenOrACloudbaseToken() {
        String code = Simulator.mintCode("13800138000");
        given().contentType(ContentType.JSON).body(Map.of("enabled", true)).put("/simulator/control/open-interface").then()
                .statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/simulator/wxa/business/getuserphonenumber").then().body("errcode", equalTo(0));

        String cloudbase = given().contentType(ContentType.JSON).body(Map.of()).post("/simulator/control/cloudbase-tokens")
                .then().statusCode(201).extract().path("token");
        given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000")))
                .queryParam("cloudbase_access_token", cloudbase)
                .post("/simulator/wxa/business/getuserphonenumber").then().body("errcode", equalTo(0));
    }

    @Test
    void benchModeAcceptsAnyBenchCodeRepeatedly() {
        String token = stable(Simulator.DEMO_APP_ID, SECRET, false).extract().path("access_token");
        phone(token, "bench-1").body("errcode", equalTo(40029));
        given().contentType(ContentType.JSON).body(Map.of("enabled", true)).put("/simulator/control/bench-mode").then()
                .statusCode(204);

        String number = phone(token, "bench-1").body("errcode", equalTo(0)).extract().path("phone_info.phoneNumber");
        phone(token, "bench-1").body("phone_info.phoneNumber", equalTo(number));
    }

    @Test
    void controlRequestsAreValidated() {
        given().contentType(ContentType.JSON).body(Map.of("countryCode", "86")).post("/simulator/control/codes")
                .then().statusCode(400).body("detail", equalTo("phoneNumber is required"));
        given().contentType(ContentType.JSON).body(Map.of("api", "nope", "type", "errcode")).post("/simulator/control/faults")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("api", "token", "type", "explode")).post("/simulator/control/faults")
                .then().statusCode(400);
    }

    private static ValidatableResponse stable(String appId, String secret, boolean force) {
        Map<String, Object> body = new HashMap<>();
        body.put("grant_type", "client_credential");
        body.put("appid", appId);
        body.put("secret", secret);
        body.put("force_refresh", force);
        return given().contentType(ContentType.JSON).body(body).post("/simulator/cgi-bin/stable_token").then().statusCode(200);
    }

    private static ValidatableResponse classic(String appId, String secret) {
        return given().queryParam("grant_type", "client_credential").queryParam("appid", appId).queryParam("secret", secret)
                .get("/simulator/cgi-bin/token").then().statusCode(200);
    }

    private static ValidatableResponse phone(String token, String code) {
        return phone(token, code, null);
    }

    private static ValidatableResponse phone(String token, String code, String openid) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        if (openid != null) {
            body.put("openid", openid);
        }
        return given().contentType(ContentType.JSON).body(body).queryParam("access_token", token)
                .post("/simulator/wxa/business/getuserphonenumber").then().statusCode(200);
    }
}
