package io.phonegateway.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The control API's answers to requests that break its rules: a 400 problem naming one broken rule, the
 * alphabetically first where several break; a missing body names what is required.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class SimulatorControlRequestsTest {

    private static final String API = "api must be one of getuserphonenumber, stable_token, token, charge_usage, jscode2session";
    private static final String TYPE = "type must be one of errcode, http-status, malformed, delay";
    private static final String TIMES = "times must be positive, or -1 for until reset";
    private static final String APP_ID = "appId must look like wx followed by 16 hex digits";
    private static final String ALL = "all is required and must be 0 or more";
    private static final String NOT_AN_APP = "appId is not an app of the simulator";
    private static final String GOOD_APP = "/apps/wx0123456789abcdef";

    @BeforeEach
    void reset() {
        Simulator.reset();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("POST", "/codes", "", "a JSON body is required"),
                Arguments.of("POST", "/codes", "null", "a JSON body is required"),
                Arguments.of("POST", "/codes", "{}", "phoneNumber is required"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"  \"}", "phoneNumber is required"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"countryCode\":\"12345\"}",
                        "countryCode must be 1 to 4 digits"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"countryCode\":\"\"}",
                        "countryCode must be 1 to 4 digits"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"countryCode\":\"+86\"}",
                        "countryCode must be 1 to 4 digits"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"lifetimeSeconds\":-1}",
                        "lifetimeSeconds must be 0 or more"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"component\":\"Quick\"}",
                        "component must be quick or realtime"),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"component\":\"\"}",
                        "component must be quick or realtime"),
                Arguments.of("POST", "/codes", "{\"countryCode\":\"x\",\"lifetimeSeconds\":-1,\"component\":\"x\"}",
                        "component must be quick or realtime"),
                Arguments.of("POST", "/codes", "{\"appId\":\"wx0000000000000000\",\"lifetimeSeconds\":-1}",
                        "lifetimeSeconds must be 0 or more"),
                Arguments.of("POST", "/codes", "{\"appId\":\"wx0000000000000000\",\"phoneNumber\":\"138\"}", NOT_AN_APP),

                Arguments.of("POST", "/login-codes", "", "a JSON body is required"),
                Arguments.of("POST", "/login-codes", "{}", "openid is required"),
                Arguments.of("POST", "/login-codes", "{\"openid\":\"o\",\"countryCode\":\"86a\"}",
                        "countryCode must be 1 to 4 digits"),
                Arguments.of("POST", "/login-codes", "{\"openid\":\"o\",\"lifetimeSeconds\":-5}",
                        "lifetimeSeconds must be 0 or more"),
                Arguments.of("POST", "/login-codes", "{\"countryCode\":\"x\",\"lifetimeSeconds\":-1}",
                        "countryCode must be 1 to 4 digits"),
                Arguments.of("POST", "/login-codes", "{\"openid\":\"o\",\"appId\":\"wx0000000000000000\"}", NOT_AN_APP),

                Arguments.of("PUT", "/login-limit", "", "perMinute is required"),
                Arguments.of("PUT", "/login-limit", "{}", "perMinute is required"),
                Arguments.of("PUT", "/login-limit", "{\"perMinute\":-1}", "perMinute must be 0 or more"),

                Arguments.of("PUT", "/high-risk", "", "openid and enabled are required"),
                Arguments.of("PUT", "/high-risk", "{}", "enabled is required"),
                Arguments.of("PUT", "/high-risk", "{\"openid\":\"o\"}", "enabled is required"),
                Arguments.of("PUT", "/high-risk", "{\"openid\":\" \",\"enabled\":true}", "openid is required"),

                Arguments.of("PUT", "/foreign-openid-errcode", "", "errcode is required"),
                Arguments.of("PUT", "/foreign-openid-errcode", "{}", "errcode is required"),
                Arguments.of("PUT", "/foreign-openid-errcode", "{\"errcode\":0}", "errcode must not be 0"),

                Arguments.of("POST", "/faults", "", "a JSON body is required"),
                Arguments.of("POST", "/faults", "{}", API),
                Arguments.of("POST", "/faults", "{\"api\":\"nope\",\"type\":\"errcode\"}", API),
                Arguments.of("POST", "/faults", "{\"api\":\"x\",\"type\":\"x\",\"times\":0}", API),
                Arguments.of("POST", "/faults", "{\"api\":\"token\"}", TYPE),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"explode\"}", TYPE),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"errcode\"}",
                        "errcode is required for type errcode"),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"http-status\"}",
                        "httpStatus must be 200..599 for type http-status"),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"http-status\",\"httpStatus\":600}",
                        "httpStatus must be 200..599 for type http-status"),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"delay\",\"delayMillis\":-1}",
                        "delayMillis must be 0 or more for type delay"),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"malformed\",\"times\":0}", TIMES),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"malformed\",\"times\":-2}", TIMES),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"delay\",\"times\":0}",
                        "delayMillis must be 0 or more for type delay"),

                Arguments.of("PUT", "/apps/wx123", "{\"secret\":\"s\"}", APP_ID),
                Arguments.of("PUT", "/apps/wx0123456789ABCDEF", "{\"secret\":\"s\"}", APP_ID),
                Arguments.of("PUT", "/apps/wx123", "", APP_ID),
                Arguments.of("PUT", "/apps/wx123", "{\"tokenLifetimeSeconds\":0}", APP_ID),
                Arguments.of("PUT", GOOD_APP, "", "secret is required"),
                Arguments.of("PUT", GOOD_APP, "{}", "secret is required"),
                Arguments.of("PUT", GOOD_APP, "{\"secret\":\"s\",\"tokenLifetimeSeconds\":0}",
                        "tokenLifetimeSeconds must be positive"),
                Arguments.of("PUT", GOOD_APP, "{\"tokenLifetimeSeconds\":-1}", "secret is required"),

                Arguments.of("PUT", "/paid-quota", "", ALL),
                Arguments.of("PUT", "/paid-quota", "{}", ALL),
                Arguments.of("PUT", "/paid-quota", "{\"all\":-1}", ALL),
                Arguments.of("PUT", "/paid-quota", "{\"used\":-1}", ALL),
                Arguments.of("PUT", "/paid-quota", "{\"all\":1,\"used\":-1}", "used must be 0 or more"),
                Arguments.of("PUT", "/paid-quota", "{\"all\":1,\"appId\":\"wx0000000000000000\"}", NOT_AN_APP),

                Arguments.of("PUT", "/bench-mode", "", "enabled is required"),
                Arguments.of("PUT", "/bench-mode", "{}", "enabled is required"),
                Arguments.of("PUT", "/open-interface", "", "enabled is required"),
                Arguments.of("PUT", "/open-interface", "{}", "enabled is required"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource
    void refused(String method, String path, String body, String detail) {
        given().contentType(ContentType.JSON).body(body).request(method, "/simulator/control" + path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:phone-gateway:problem:simulator-invalid-request"))
                .body("title", equalTo("Invalid simulator request"))
                .body("status", equalTo(400))
                .body("detail", equalTo(detail));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"countryCode\":\" 86 \",\"lifetimeSeconds\":0}",
                        201),
                Arguments.of("POST", "/codes", "{\"phoneNumber\":\"138\",\"component\":\"realtime\"}", 201),
                Arguments.of("POST", "/login-codes", "{\"openid\":\"o\",\"countryCode\":\"1\"}", 201),
                Arguments.of("PUT", "/login-limit", "{\"perMinute\":0}", 204),
                Arguments.of("PUT", "/high-risk", "{\"openid\":\"o\",\"enabled\":false}", 204),
                Arguments.of("PUT", "/foreign-openid-errcode", "{\"errcode\":40003}", 204),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"delay\",\"delayMillis\":0,\"times\":-1}", 204),
                Arguments.of("POST", "/faults", "{\"api\":\"token\",\"type\":\"http-status\",\"httpStatus\":599}", 204),
                Arguments.of("PUT", GOOD_APP, "{\"secret\":\"s\",\"tokenLifetimeSeconds\":1}", 204),
                Arguments.of("PUT", "/paid-quota", "{\"all\":0,\"used\":0}", 204),
                Arguments.of("PUT", "/bench-mode", "{\"enabled\":false}", 204),
                Arguments.of("PUT", "/open-interface", "{\"enabled\":false}", 204));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource
    void accepted(String method, String path, String body, int status) {
        given().contentType(ContentType.JSON).body(body).request(method, "/simulator/control" + path)
                .then().statusCode(status);
    }

    @Test
    void aCloudbaseTokenNeedsNoBody() {
        given().contentType(ContentType.JSON).body("").post("/simulator/control/cloudbase-tokens").then().statusCode(201);
    }
}
