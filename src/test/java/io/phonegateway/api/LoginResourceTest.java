package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
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
import io.restassured.response.Response;

/** {@code POST /login} through the HTTP stack against the simulator and Redis: answers, and nothing spent twice. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LoginResourceTest {

    private static final String LOGIN = "jscode2session";
    private static final String PHONE = "getuserphonenumber";

    @BeforeEach
    void freshStart() {
        Simulator.freshStart();
    }

    @Test
    void aLoginCodeAloneAnswersTheUserWithoutAPhone() {
        String code = Simulator.mintLogin("o-alice-0000000001", "u-alice-0000000001", null).get("loginCode");

        login(Map.of("loginCode", code)).then().statusCode(200).contentType(ContentType.JSON)
                .body("openid", equalTo("o-alice-0000000001"))
                .body("unionid", equalTo("u-alice-0000000001"))
                .body("$", hasKey("phone")).body("phone", nullValue())
                .body("$", org.hamcrest.Matchers.not(hasKey("session_key")));
        assertThat(Simulator.calls(LOGIN)).isEqualTo(1);
        assertThat(Simulator.calls(PHONE)).isZero();
    }

    @Test
    void unionidIsNullWhenTheAppHasNoOpenPlatformAccount() {
        String code = Simulator.mintLogin("o-bob-00000000000001", null, null).get("loginCode");

        login(Map.of("loginCode", code)).then().statusCode(200)
                .body("openid", equalTo("o-bob-00000000000001")).body("$", hasKey("unionid")).body("unionid", nullValue());
    }

    @Test
    void withAPhoneCodeAnswersTheUsersNumberLikePhone() {
        Map<String, String> codes = Simulator.mintLogin("o-carol-000000000001", null, "13800138000");

        login(Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode"), "appId", Simulator.DEMO_APP_ID))
                .then().statusCode(200)
                .body("openid", equalTo("o-carol-000000000001"))
                .body("phone.phoneNumber", equalTo("13800138000"))
                .body("phone.countryCode", equalTo("86"))
                .body("phone.e164", equalTo("+8613800138000"))
                .body("phone.regionCode", equalTo("CN"))
                .body("phone.watermark.appId", equalTo(Simulator.DEMO_APP_ID));
        assertThat(Simulator.calls(LOGIN)).isEqualTo(1);
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    @Test
    void theSamePairRetriedGetsTheSameAnswerWithoutAnotherWechatCall() {
        Map<String, String> codes = Simulator.mintLogin("o-dave-000000000001", "u-dave", "13900139000");
        Map<String, Object> body = Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode"));

        String first = login(body).then().statusCode(200).extract().asString();
        String second = login(body).then().statusCode(200).extract().asString();
        login(Map.of("loginCode", codes.get("loginCode"))).then().statusCode(200).body("openid",
                equalTo("o-dave-000000000001"));

        assertThat(second).isEqualTo(first);
        assertThat(Simulator.calls(LOGIN)).isEqualTo(1);
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    @Test
    void afterAFailedPhonePartARetryReusesTheSessionAndRepeatsOnlyThePhonePart() {
        Map<String, String> codes = Simulator.mintLogin("o-erin-000000000001", null, "13700137000");
        Map<String, Object> body = Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode"));
        Simulator.failWithErrcode(PHONE, -1, 4); // busy for the first attempt and its 3 retries

        login(body).then().statusCode(503).body("code", equalTo("UPSTREAM_BUSY"));
        Simulator.resetStats();
        login(body).then().statusCode(200).body("openid", equalTo("o-erin-000000000001"))
                .body("phone.purePhoneNumber", equalTo("13700137000"));

        assertThat(Simulator.calls(LOGIN)).as("the login code is not spent twice").isZero();
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    @Test
    void anInvalidExpiredOrUsedLoginCodeIs422() {
        login(Map.of("loginCode", "never-minted")).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_LOGIN_CODE")).body("errcode", equalTo(40029));
        String used = Simulator.mintLogin("o-frank-00000000001", null, null).get("loginCode");
        given().queryParam("appid", Simulator.DEMO_APP_ID).queryParam("secret", "test-only-secret-of-demo")
                .queryParam("js_code", used).queryParam("grant_type", "authorization_code").get("/simulator/sns/jscode2session")
                .then().body("openid", equalTo("o-frank-00000000001")); // someone else spent it

        login(Map.of("loginCode", used)).then().statusCode(422).body("code", equalTo("INVALID_LOGIN_CODE"))
                .body("errcode", equalTo(40163));
    }

    @Test
    void aHighRiskUserIs403() {
        Simulator.highRisk("o-risky-00000000001", true);
        String code = Simulator.mintLogin("o-risky-00000000001", null, null).get("loginCode");

        login(Map.of("loginCode", code)).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("HIGH_RISK_USER")).body("errcode", equalTo(40226));
    }

    @Test
    void aUserOverWechatsLoginLimitIs429WithRetryAfter() {
        Simulator.loginLimit(0);
        String code = Simulator.mintLogin("o-busy-000000000001", null, null).get("loginCode");

        login(Map.of("loginCode", code)).then().statusCode(429).header("Retry-After", "60")
                .body("code", equalTo("LOGIN_RATE_LIMITED")).body("errcode", equalTo(45011));
    }

    @Test
    void aPhoneCodeOfAnotherUserIs422AndUnknownAnswersStay502() {
        Map<String, String> mallory = Simulator.mintLogin("o-mallory-000000001", null, null);
        Map<String, String> alice = Simulator.mintLogin("o-alice-0000000002", null, "13800138000");
        Simulator.foreignOpenidErrcode(40003);

        login(Map.of("loginCode", mallory.get("loginCode"), "phoneCode", alice.get("phoneCode"))).then().statusCode(422)
                .body("code", equalTo("PHONE_CODE_NOT_OF_USER")).body("errcode", equalTo(40003));

        Simulator.foreignOpenidErrcode(40099); // an answer nobody has identified
        login(Map.of("loginCode", mallory.get("loginCode"), "phoneCode", alice.get("phoneCode"))).then().statusCode(502)
                .body("code", equalTo("UPSTREAM_ERROR")).body("errcode", equalTo(40099));
        assertThat(Simulator.calls(LOGIN)).as("the stored session answered the second time").isEqualTo(1);
    }

    @Test
    void aPhoneCodeWechatCallsInvalidIsThePhonesInvalidCode() {
        String code = Simulator.mintLogin("o-gina-000000000001", null, null).get("loginCode");

        login(Map.of("loginCode", code, "phoneCode", "never-minted-phone")).then().statusCode(422)
                .body("code", equalTo("INVALID_CODE"));
    }

    @Test
    void aLostLoginAnswerThenCodeBeenUsedMeansTheLostAttemptSpentIt() {
        String code = Simulator.mintLogin("o-hank-000000000001", null, null).get("loginCode");
        Simulator.fault(Map.of("api", LOGIN, "type", "http-status", "httpStatus", 502, "consumeCode", true));

        login(Map.of("loginCode", code)).then().statusCode(502).body("code", equalTo("LOGIN_CODE_POSSIBLY_CONSUMED"))
                .body("errcode", equalTo(40163));
        assertThat(Simulator.calls(LOGIN)).isEqualTo(2);
    }

    @Test
    void busyIsRetriedLikePhone() {
        String code = Simulator.mintLogin("o-ivan-000000000001", null, null).get("loginCode");
        Simulator.failWithErrcode(LOGIN, -1, 1);

        login(Map.of("loginCode", code)).then().statusCode(200).body("openid", equalTo("o-ivan-000000000001"));
        assertThat(Simulator.calls(LOGIN)).isEqualTo(2);
    }

    @Test
    void parsesStrictlyLikePhone() {
        login(Map.of("phoneCode", "x")).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("detail", equalTo("'loginCode' is required"));
        login(Map.of("loginCode", "a b")).then().statusCode(400).body("detail",
                equalTo("'loginCode' may hold only visible ASCII characters (0x21-0x7E)"));
        Map<String, Object> badPhone = new HashMap<>(Map.of("loginCode", "a"));
        badPhone.put("phoneCode", 7);
        login(badPhone).then().statusCode(400).body("detail", equalTo("'phoneCode' must be a string"));
        given().contentType(ContentType.JSON).body("{\"loginCode\":\"a\",\"loginCode\":\"b\"}").post("/login")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        given().contentType(ContentType.JSON).body("").post("/login").then().statusCode(400)
                .body("detail", equalTo("The body is empty; expected a JSON object with a 'loginCode'"));
        login(Map.of("loginCode", "a", "appId", "wx0000000000000bad")).then().statusCode(400).body("code",
                equalTo("UNKNOWN_APP"));
        given().contentType(ContentType.TEXT).body("{}").post("/login").then().statusCode(415);
        given().contentType(ContentType.JSON).body("{\"loginCode\":\"" + "a".repeat(5000) + "\"}").post("/login")
                .then().statusCode(413).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        given().contentType(ContentType.JSON).header("X-Request-Id", "req-login-1").body(Map.of("loginCode", "nope"))
                .post("/login").then().header("X-Request-Id", "req-login-1").body("requestId", equalTo("req-login-1"));
        assertThat(Simulator.calls(LOGIN)).as("only the last request reached WeChat").isEqualTo(1);
    }

    @Test
    void cloudHostingHeadersAreIgnoredWhenTheGatewayHoldsTheAppSecret() {
        String code = Simulator.mintLogin("o-jane-000000000001", null, null).get("loginCode");

        given().contentType(ContentType.JSON).header("X-WX-OPENID", "o-forged").body(Map.of("loginCode", code))
                .post("/login").then().statusCode(200).body("openid", equalTo("o-jane-000000000001"));
    }

    static Response login(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/login");
    }
}
