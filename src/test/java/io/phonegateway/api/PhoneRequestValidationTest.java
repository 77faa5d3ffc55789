package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every refusal of bad input is a 4xx problem naming the problem, and nothing reaches WeChat. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class PhoneRequestValidationTest {

    private static final String JSON = "application/json";
    private static final String SECRET_MARKER = "SECRET-MARKER-123";

    @BeforeEach
    void resetSimulator() {
        Simulator.reset();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("not JSON", JSON, "code=abc", 400, "INVALID_REQUEST", "not valid JSON (line 1, column"),
                Arguments.of("empty body", JSON, "", 400, "INVALID_REQUEST", "empty"),
                Arguments.of("JSON array", JSON, "[\"" + SECRET_MARKER + "\"]", 400, "INVALID_REQUEST", "JSON object"),
                Arguments.of("JSON string", JSON, "\"" + SECRET_MARKER + "\"", 400, "INVALID_REQUEST", "JSON object"),
                Arguments.of("code missing", JSON, "{}", 400, "INVALID_REQUEST", "'code' is required"),
                Arguments.of("code null", JSON, "{\"code\":null}", 400, "INVALID_REQUEST", "'code' is required"),
                Arguments.of("code empty", JSON, "{\"code\":\"\"}", 400, "INVALID_REQUEST", "'code' must not be blank"),
                Arguments.of("code blank", JSON, "{\"code\":\"   \"}", 400, "INVALID_REQUEST", "'code' must not be blank"),
                Arguments.of("code a number", JSON, "{\"code\":123}", 400, "INVALID_REQUEST", "'code' must be a string"),
                Arguments.of("code an object", JSON, "{\"code\":{\"a\":1}}", 400, "INVALID_REQUEST", "'code' must be a string"),
                Arguments.of("code with a space", JSON, "{\"code\":\"ab " + SECRET_MARKER + "\"}", 400, "INVALID_REQUEST",
                        "visible ASCII"),
                Arguments.of("code non-ASCII", JSON, "{\"code\":\"é" + SECRET_MARKER + "\"}", 400, "INVALID_REQUEST",
                        "visible ASCII"),
                Arguments.of("code with a control character", JSON, "{\"code\":\"a\\u0000b\"}", 400, "INVALID_REQUEST",
                        "visible ASCII"),
                Arguments.of("code too long", JSON, "{\"code\":\"" + "a".repeat(129) + "\"}", 400, "INVALID_REQUEST",
                        "at most 128"),
                Arguments.of("duplicate key", JSON, "{\"code\":\"a\",\"code\":\"b\"}", 400, "INVALID_REQUEST", "repeats a key"),
                Arguments.of("trailing data", JSON, "{\"code\":\"a\"} {\"code\":\"b\"}", 400, "INVALID_REQUEST",
                        "not valid JSON"),
                Arguments.of("nested too deep", JSON, "{\"x\":" + "[".repeat(40) + "]".repeat(40) + ",\"code\":\"a\"}", 400,
                        "INVALID_REQUEST", "nests JSON deeper than 16 levels"),
                Arguments.of("appId the app's configured name", JSON, "{\"code\":\"a\",\"appId\":\"demo\"}", 400,
                        "UNKNOWN_APP", "wants the mini-program's appid (wx followed by 16 hex digits), not the app's name"),
                Arguments.of("appId a number", JSON, "{\"code\":\"a\",\"appId\":42}", 400, "INVALID_REQUEST",
                        "'appId' must be a string"),
                Arguments.of("appId unknown", JSON, "{\"code\":\"a\",\"appId\":\"wx" + "9".repeat(16) + "\"}", 400,
                        "UNKNOWN_APP", "not an app configured"),
                Arguments.of("openid a list", JSON, "{\"code\":\"a\",\"openid\":[]}", 400, "INVALID_REQUEST",
                        "'openid' must be a string"),
                Arguments.of("text/plain", "text/plain", "{\"code\":\"a\"}", 415, "UNSUPPORTED_MEDIA_TYPE", "application/json"),
                Arguments.of("form encoded", "application/x-www-form-urlencoded", "code=a", 415, "UNSUPPORTED_MEDIA_TYPE",
                        "application/json"),
                Arguments.of("over 4 KiB", JSON, "{\"code\":\"a\",\"pad\":\"" + "x".repeat(5000) + "\"}", 413,
                        "PAYLOAD_TOO_LARGE", "4 KiB"));
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @MethodSource("badRequests")
    void refusesBadInputWithAProblemAndNeverCallsWechat(String name, String contentType, String body, int status,
            String code, String detailPart) {
        given().contentType(contentType).body(body)
                .when().post("/phone")
                .then().statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo(code))
                .body("status", equalTo(status))
                .body("type", equalTo("urn:phone-gateway:problem:" + code.toLowerCase().replace('_', '-')))
                .body("title", notNullValue())
                .body("detail", containsString(detailPart))
                .body("requestId", notNullValue())
                .body(not(containsString(SECRET_MARKER)));

        assertThat(Simulator.allCalls()).as("calls that reached WeChat").isZero();
    }

    @org.junit.jupiter.api.Test
    void measuresABodySentWithoutALength() {
        byte[] body = ("{\"code\":\"a\",\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes();
        given().contentType(JSON).body(new java.io.ByteArrayInputStream(body)) // chunked: no Content-Length
                .when().post("/phone")
                .then().statusCode(413).contentType(Problem.MEDIA_TYPE).body("code", equalTo("PAYLOAD_TOO_LARGE"));
        assertThat(Simulator.allCalls()).isZero();
    }

    @org.junit.jupiter.api.Test
    void refusesAMissingContentType() {
        given().body("{\"code\":\"a\"}").when().post("/phone")
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE).body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        assertThat(Simulator.allCalls()).isZero();
    }

    @org.junit.jupiter.api.Test
    void refusesOtherMethods() {
        given().get("/phone").then().statusCode(405).contentType(Problem.MEDIA_TYPE).body("code",
                equalTo("METHOD_NOT_ALLOWED"));
    }
}
