package io.phonegateway.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What callers see when WeChat says no: each answer mapped to the contract's problem. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class UpstreamFailuresTest {

    @BeforeEach
    void resetSimulator() {
        Simulator.freshStart();
    }

    @AfterEach
    void restoreSecret() {
        Simulator.reset();
    }

    @Test
    void anUnknownCodeIs422WithWechatsErrcodeAndRid() {
        given().contentType(ContentType.JSON).body(Map.of("code", "never-minted-code"))
                .when().post("/phone")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_CODE"))
                .body("type", equalTo("urn:phone-gateway:problem:invalid-code"))
                .body("errcode", equalTo(40029))
                .body("rid", matchesPattern("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}"))
                .body(not(containsString("never-minted-code")));
    }

    @Test
    void aCodeAnotherSystemAlreadyExchangedIs422() {
        String code = Simulator.mintCode("13800138000");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credential", "appid", Simulator.DEMO_APP_ID,
                        "secret", "test-only-secret-of-demo", "force_refresh", false))
                .post("/simulator/cgi-bin/stable_token").then().extract().path("access_token");
        given().contentType(ContentType.JSON).body(Map.of("code", code)).queryParam("access_token", token)
                .post("/simulator/wxa/business/getuserphonenumber").then().body("errcode", equalTo(0));

        given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", Simulator.DEMO_APP_ID))
                .when().post("/phone")
                .then().statusCode(422).body("errcode", equalTo(40029));
    }

    @Test
    void wechatBusyIs503WithRetryAfter() {
        String code = Simulator.mintCode("13800138000");
        Simulator.failWithErrcode("getuserphonenumber", -1, -1);

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(503)
                .header("Retry-After", matchesPattern("\\d+"))
                .body("code", equalTo("UPSTREAM_BUSY"))
                .body("errcode", equalTo(-1));
    }

    @Test
    void minuteQuotaIs503RateLimited() {
        String code = Simulator.mintCode("13800138000");
        Simulator.failWithErrcode("getuserphonenumber", 45011, 1);

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(503).header("Retry-After", equalTo("60"))
                .body("code", equalTo("UPSTREAM_RATE_LIMITED")).body("errcode", equalTo(45011));
    }

    @Test
    void aWrongAppSecretIs502UpstreamAuthFailedAndLeaksNoSecret() {
        // WeChat forgets every token and now expects another secret than the gateway has
        Simulator.reset();
        Simulator.setAppSecret(Simulator.DEMO_APP_ID, "the-secret-wechat-now-expects");
        String code = Simulator.mintCode("13800138000");

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(502)
                .body("code", equalTo("UPSTREAM_AUTH_FAILED"))
                .body("errcode", equalTo(40125))
                .body(not(containsString("test-only-secret-of-demo")))
                .body(not(containsString("the-secret-wechat-now-expects")));
    }

    @Test
    void aRejectedTokenIsReplacedOnceAndTheLookupSucceeds() {
        // warm the gateway's token, then make the simulator forget all tokens: the held one becomes unknown (40001)
        given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000"))).post("/phone")
                .then().statusCode(200);
        Simulator.reset();
        String code = Simulator.mintCode("13800138000");

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(200);
        assertThat(Simulator.calls("getuserphonenumber")).as("rejected call + retry").isEqualTo(2);
        assertThat(Simulator.calls("stable_token")).as("one refetch").isEqualTo(1);
    }

    @Test
    void aTokenRejectedTwiceIsNotRetriedInALoop() {
        String code = Simulator.mintCode("13800138000");
        Simulator.failWithErrcode("getuserphonenumber", 40001, -1);

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(503).body("code", equalTo("UPSTREAM_UNAVAILABLE")).body("errcode", equalTo(40001));
        assertThat(Simulator.calls("getuserphonenumber")).isEqualTo(2);
    }

    @Test
    void anHttpErrorOrMalformedAnswerIs502UpstreamError() {
        String code = Simulator.mintCode("13800138000");
        // the answer is lost either way, so each is repeated once (see ResilienceTest), and fails again
        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "http-status", "httpStatus", 500, "times", 2));
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone")
                .then().statusCode(502).body("code", equalTo("UPSTREAM_ERROR"));

        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "malformed", "times", 2));
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone")
                .then().statusCode(502).body("code", equalTo("UPSTREAM_ERROR"));
        assertThat(Simulator.calls("getuserphonenumber")).isEqualTo(4);
    }
}
