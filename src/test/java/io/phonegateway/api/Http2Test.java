package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.H2c;
import io.phonegateway.testsupport.H2c.Body;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpVersion;

/**
 * HTTP/2 over cleartext is a way in like HTTP/1.1: a lookup succeeds whether its body comes with a length or
 * streamed, every invalid body of {@link HostileInputTest} gets the same problem, an oversized or stalled body gets
 * its 413 or 408 problem instead of a stream reset, and the connection keeps serving its next stream. No caller's
 * mistake writes an ERROR line.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class Http2Test {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20); // body-timeout in %test is 2 s
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void resetSimulator() {
        Simulator.reset();
    }

    static Stream<Arguments> lookups() {
        return Stream.of(H2c.Mode.values()).flatMap(mode -> Stream.of(Arguments.of(mode, false), Arguments.of(mode, true)));
    }

    @ParameterizedTest(name = "{0}, streamed={1}")
    @MethodSource("lookups")
    void aLookupSucceeds(H2c.Mode mode, boolean streamed) throws Exception {
        byte[] body = bytes("{\"code\":\"" + Simulator.mintCode("13800138000") + "\"}");
        try (H2c h2c = H2c.connect(base.getPort(), mode); CapturedLogs logs = CapturedLogs.start()) {
            H2c.Answer answer = h2c.exchange("POST", "/phone", JSON,
                    streamed ? Body.streamed(slice(body, 0, 5), slice(body, 5, body.length)) : Body.withLength(body),
                    ANSWER_WITHIN);
            if (mode == H2c.Mode.UPGRADE) { // the upgrade request itself is answered on HTTP/1.1's terms; the next is h2
                answer = h2c.exchange("POST", "/phone", JSON, Body.withLength(body), ANSWER_WITHIN);
            }

            assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"purePhoneNumber\":\"13800138000\"");
            assertNoErrorLine(logs);
        }
    }

    static Stream<Arguments> invalidBodies() {
        return HostileInputTest.invalidBodies().stream().flatMap(row -> Stream.of(
                Arguments.of(row.get()[0], row.get()[1], false), Arguments.of(row.get()[0], row.get()[1], true)));
    }

    @ParameterizedTest(name = "{0}, streamed={2}")
    @MethodSource("invalidBodies")
    void anInvalidBodyIsTheProblemItIsOnHttp1(String name, byte[] body, boolean streamed) throws Exception {
        assertRefused(streamed ? Body.streamed(body) : Body.withLength(body), JSON, 400, "INVALID_REQUEST");
    }

    static Stream<Arguments> oversizedBodies() {
        byte[] fiveKb = bytes("{\"code\":\"" + "a".repeat(5000) + "\"}");
        byte[][] manyChunks = new byte[70][];
        for (int i = 0; i < manyChunks.length; i++) {
            manyChunks[i] = bytes(i == 0 ? "{\"pad\":\"" + "x".repeat(992) : "x".repeat(1000));
        }
        return Stream.of(Arguments.of("with a Content-Length of 5 KB", Body.withLength(fiveKb)),
                Arguments.of("streamed, 5 KB", Body.streamed(fiveKb)),
                Arguments.of("streamed, 70 KB over max-body-size", Body.streamed(manyChunks)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizedBodies")
    void anOversizedBodyIsA413Problem(String name, Body body) throws Exception {
        assertRefused(body, JSON, 413, "PAYLOAD_TOO_LARGE");
    }

    static Stream<Arguments> stalledBodies() {
        return Stream.of(Arguments.of("Content-Length 100, 8 bytes sent", new Body(List.of(bytes("{\"code\":")), 100L, false)),
                Arguments.of("streamed, 8 bytes sent", new Body(List.of(bytes("{\"code\":")), null, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stalledBodies")
    void aStalledBodyIsA408Problem(String name, Body body) throws Exception {
        assertRefused(body, JSON, 408, "REQUEST_TIMEOUT");
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        assertRefused(Body.withLength(bytes("{\"code\":\"a\"}")), Map.of("Content-Type", "text/plain"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @EnumSource(H2c.Mode.class)
    void anotherMethodIs405(H2c.Mode mode) throws Exception {
        try (H2c h2c = H2c.connect(base.getPort(), mode)) {
            H2c.Answer answer = h2c.exchange("GET", "/phone", Map.of(), Body.none(), ANSWER_WITHIN);
            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
        }
    }

    private void assertRefused(Body body, Map<String, String> headers, int status, String code) throws Exception {
        try (H2c h2c = H2c.connect(base.getPort(), H2c.Mode.PRIOR_KNOWLEDGE); CapturedLogs logs = CapturedLogs.start()) {
            H2c.Answer answer = h2c.exchange("POST", "/phone", headers, body, ANSWER_WITHIN);

            assertThat(answer.status()).as("answered, not reset (RST_STREAM %s)", answer.resetCode()).isEqualTo(status);
            assertThat(answer.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
            assertThat(answer.header("Connection")).isNull();
            assertThat(answer.body()).contains("\"code\":\"" + code + "\"").contains("\"requestId\":")
                    .doesNotContain("HOSTILE-MARKER");
            assertThat(h2c.exchange("POST", "/phone", JSON, Body.withLength(bytes("{}")), ANSWER_WITHIN).status())
                    .as("the same connection serves its next stream").isEqualTo(400);
            assertThat(Simulator.allCalls()).as("calls that reached WeChat").isZero();
            assertNoErrorLine(logs);
        }
    }

    private static void assertNoErrorLine(CapturedLogs logs) {
        assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).startsWith("ERROR"));
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
