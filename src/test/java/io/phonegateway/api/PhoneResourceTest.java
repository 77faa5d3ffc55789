package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The happy paths of {@code POST /phone}, through the HTTP stack, against the built-in simulator. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class PhoneResourceTest {

    @BeforeEach
    void resetSimulator() {
        Simulator.reset();
    }

    @Test
    void exchangesACodeForNormalizedPhoneInfo() {
        String code = Simulator.mintCode("13800138000");

        given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", Simulator.DEMO_APP_ID))
                .when().post("/phone")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("phoneNumber", equalTo("13800138000"))
                .body("purePhoneNumber", equalTo("13800138000"))
                .body("countryCode", equalTo("86"))
                .body("e164", equalTo("+8613800138000"))
                .body("regionCode", equalTo("CN"))
                .body("watermark.appId", equalTo(Simulator.DEMO_APP_ID))
                .body("watermark.timestamp", greaterThan(1_600_000_000));
    }

    @Test
    void usesTheDefaultAppWhenAppIdIsOmitted() {
        String code = Simulator.mintCode("13800138000");

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(200).body("watermark.appId", equalTo(Simulator.DEMO_APP_ID));
    }

    @Test
    void answersCountryCodeAsAStringWhenWechatSendsANumber() {
        Map<String, Object> phone = Simulator.phone("13800138000", "86");
        phone.put("countryCodeAsNumber", true);
        String code = Simulator.mintCode(phone);

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(200).body("countryCode", equalTo("86"));
    }

    @Test
    void normalizesAForeignNumberThatCarriesItsCountryCode() {
        Map<String, Object> phone = Simulator.phone("+85261234567", "852");
        phone.put("purePhoneNumber", "61234567");
        String code = Simulator.mintCode(phone);

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(200)
                .body("phoneNumber", equalTo("+85261234567"))
                .body("purePhoneNumber", equalTo("61234567"))
                .body("countryCode", equalTo("852"))
                .body("e164", equalTo("+85261234567"))
                .body("regionCode", equalTo("HK"));
    }

    @Test
    void servesTheOtherAppByItsAppId() {
        Map<String, Object> phone = Simulator.phone("13900139000", "86");
        phone.put("appId", Simulator.OTHER_APP_ID);
        String code = Simulator.mintCode(phone);

        given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", Simulator.OTHER_APP_ID))
                .when().post("/phone")
                .then().statusCode(200).body("watermark.appId", equalTo(Simulator.OTHER_APP_ID));
    }

    @Test
    void passesTheOpenidOnSoWechatChecksTheCodeBelongsToThatUser() {
        Map<String, Object> phone = Simulator.phone("13800138000", "86");
        phone.put("openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        String code = Simulator.mintCode(phone);

        given().contentType(ContentType.JSON).body(Map.of("code", code, "openid", "oSomeoneElse000000000000000"))
                .when().post("/phone")
                .then().statusCode(422).body("code", equalTo("INVALID_CODE"))
                // WeChat's 40029 does not tell a spent code from one of another user: no "tap again" without a condition
                .body("detail", containsString("if appId and openid are right, the user must tap again"));
        // the same code, with the openid it was issued to, still works: the user need not tap again
        given().contentType(ContentType.JSON).body(Map.of("code", code, "openid", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"))
                .when().post("/phone")
                .then().statusCode(200);
    }

    @Test
    void aCodeSentUnderAnotherAppIsNotCalledSpent() {
        String code = Simulator.mintCode(Map.of("phoneNumber", "13800138000", "appId", Simulator.OTHER_APP_ID));

        given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", Simulator.DEMO_APP_ID))
                .when().post("/phone")
                .then().statusCode(422).body("code", equalTo("INVALID_CODE"))
                .body("detail", containsString("for app demo (" + Simulator.DEMO_APP_ID + ")"))
                .body("detail", containsString("if appId is right, the user must tap again"));
        given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", Simulator.OTHER_APP_ID))
                .when().post("/phone")
                .then().statusCode(200).body("watermark.appId", equalTo(Simulator.OTHER_APP_ID));
    }

    @Test
    void theRootPointsToTheApiDocs() {
        given().accept("application/json").get("/")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"))
                .body("detail", containsString("POST /phone")).body("detail", containsString("/q/swagger-ui/"));
        given().redirects().follow(false).accept("text/html,application/xhtml+xml").get("/")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/q/swagger-ui/"));
    }

    @Test
    void echoesTheCallersRequestId() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "req-42").body(Map.of("code", "nope"))
                .when().post("/phone")
                .then().header("X-Request-Id", "req-42").body("requestId", equalTo("req-42"));
    }

    @Test
    void generatesARequestIdWhenAbsentOrUnusable() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "bad id with spaces").body(Map.of("code", "nope"))
                .when().post("/phone")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        given().get("/q/health/live").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void sendsRegionCodeAsNullWhenTheNumberHasNoSingleRegion() {
        // +800 is the international freephone code: a valid number that belongs to no region
        Map<String, Object> phone = Simulator.phone("+80012345678", "800");
        phone.put("purePhoneNumber", "12345678");
        String code = Simulator.mintCode(phone);

        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post("/phone")
                .then().statusCode(200).body("e164", equalTo("+80012345678")).body("regionCode", nullValue())
                .body("$", hasKey("regionCode"));
    }
}
