package io.phonegateway.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

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

/** The simulator's jscode2session speaks WeChat: single-use login codes, 40029/40163, 45011, 40226, secrets. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class SimulatedLoginTest {

    private static final String SECRET = "test-only-secret-of-demo";
    private static final String RID = ".* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}";

    @BeforeEach
    void reset() {
        Simulator.reset();
    }

    @Test
    void aLoginCodeAnswersItsUserOnceThenSaysItWasUsed() {
        Map<String, Object> mint = new HashMap<>(Map.of("openid", "o-alice", "unionid", "u-alice", "sessionKey", "sk-1"));
        String code = Simulator.mintLogin(mint).get("loginCode");

        session(SECRET, code).body("openid", equalTo("o-alice")).body("unionid", equalTo("u-alice"))
                .body("session_key", equalTo("sk-1")).body("errcode", nullValue());
        session(SECRET, code).body("errcode", equalTo(40163)).body("errmsg", matchesPattern("code been used" + RID));
    }

    @Test
    void unionidIsLeftOutWhenTheUserHasNone() {
        String code = Simulator.mintLogin("o-bob", null, null).get("loginCode");

        session(SECRET, code).body("openid", equalTo("o-bob")).body("$",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("unionid")));
    }

    @Test
    void unknownExpiredOrForeignCodesAre40029() {
        session(SECRET, "never-minted").body("errcode", equalTo(40029));
        String expired = Simulator.mintLogin(new HashMap<>(Map.of("openid", "o-c", "lifetimeSeconds", 0))).get("loginCode");
        session(SECRET, expired).body("errcode", equalTo(40029));
        String ofOther = Simulator.mintLogin(new HashMap<>(Map.of("openid", "o-c", "appId", Simulator.OTHER_APP_ID)))
                .get("loginCode");
        session(SECRET, ofOther).body("errcode", equalTo(40029));
    }

    @Test
    void wantsTheAppsSecretAndTheAuthorizationCodeGrant() {
        String code = Simulator.mintLogin("o-d", null, null).get("loginCode");

        session("wrong-secret", code).body("errcode", equalTo(40125));
        given().queryParam("appid", Simulator.DEMO_APP_ID).queryParam("secret", SECRET).queryParam("js_code", code)
                .queryParam("grant_type", "client_credential").get("/simulator/sns/jscode2session")
                .then().statusCode(200).body("errcode", equalTo(40002));
        session(SECRET, code).body("openid", equalTo("o-d")); // refusals did not spend it
    }

    @Test
    void aUserOverThePerMinuteLimitGets45011AndKeepsTheCode() {
        Simulator.loginLimit(1);
        session(SECRET, Simulator.mintLogin("o-e", null, null).get("loginCode")).body("openid", equalTo("o-e"));
        String second = Simulator.mintLogin("o-e", null, null).get("loginCode");

        session(SECRET, second).body("errcode", equalTo(45011));
        session(SECRET, Simulator.mintLogin("o-other", null, null).get("loginCode")).body("openid", equalTo("o-other"));
    }

    @Test
    void aHighRiskUserIsBlockedWith40226() {
        Simulator.highRisk("o-risky", true);
        String code = Simulator.mintLogin("o-risky", null, null).get("loginCode");

        session(SECRET, code).body("errcode", equalTo(40226));
        Simulator.highRisk("o-risky", false);
        session(SECRET, code).body("openid", equalTo("o-risky"));
    }

    @Test
    void aPhoneCodeMintedWithTheLoginBelongsToThatUserOnly() {
        Simulator.foreignOpenidErrcode(40003);
        Map<String, String> alice = Simulator.mintLogin("o-alice", null, "13800138000");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credential", "appid", Simulator.DEMO_APP_ID, "secret", SECRET))
                .post("/simulator/cgi-bin/stable_token").then().extract().path("access_token");

        phone(token, alice.get("phoneCode"), "o-mallory").body("errcode", equalTo(40003));
        phone(token, alice.get("phoneCode"), "o-alice").body("errcode", equalTo(0))
                .body("phone_info.purePhoneNumber", equalTo("13800138000"));
    }

    @Test
    void faultsApplyToJscode2sessionAndMaySpendTheCode() {
        String code = Simulator.mintLogin("o-f", null, null).get("loginCode");
        Simulator.fault(Map.of("api", "jscode2session", "type", "http-status", "httpStatus", 502, "consumeCode", true));

        given().queryParam("appid", Simulator.DEMO_APP_ID).queryParam("secret", SECRET).queryParam("js_code", code)
                .queryParam("grant_type", "authorization_code").get("/simulator/sns/jscode2session").then().statusCode(502);
        session(SECRET, code).body("errcode", equalTo(40163));
        org.assertj.core.api.Assertions.assertThat(Simulator.calls("jscode2session")).isEqualTo(2);
    }

    private static ValidatableResponse session(String secret, String code) {
        return given().queryParam("appid", Simulator.DEMO_APP_ID).queryParam("secret", secret)
                .queryParam("js_code", code).queryParam("grant_type", "authorization_code")
                .get("/simulator/sns/jscode2session").then().statusCode(200);
    }

    private static ValidatableResponse phone(String token, String code, String openid) {
        return given().contentType(ContentType.JSON).queryParam("access_token", token)
                .body(Map.of("code", code, "openid", openid))
                .post("/simulator/wxa/business/getuserphonenumber").then().statusCode(200);
    }
}
