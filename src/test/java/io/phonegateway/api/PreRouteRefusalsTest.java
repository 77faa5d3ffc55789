package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RawHttp;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests Vert.x or Quarkus would refuse before any route, or accept with a framing a proxy may read otherwise, are
 * answered with a problem and an {@code X-Request-Id}, counted by reason, and never logged as an ERROR; the server
 * keeps serving.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class PreRouteRefusalsTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);
    private static final String BODY = "{\"code\":\"a\"}";

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void resetSimulator() {
        Simulator.reset();
    }

    static Stream<Arguments> refusals() {
        String chunks = "c\r\n" + BODY + "\r\n0\r\n\r\n";
        return Stream.of(
                Arguments.of("no Host", "POST /phone HTTP/1.1\nContent-Type: application/json\nContent-Length: 12", BODY,
                        400, "INVALID_REQUEST", "missing_host"),
                Arguments.of("no Host on another path", "GET /q/health/live HTTP/1.1", "", 400, "INVALID_REQUEST",
                        "missing_host"),
                Arguments.of("two Hosts that differ", "POST /phone HTTP/1.1\nHost: a\nHost: b\nContent-Type: application/json"
                        + "\nContent-Length: 12", BODY, 400, "INVALID_REQUEST", "several_hosts"),
                Arguments.of("gzip, chunked", "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json"
                        + "\nTransfer-Encoding: gzip, chunked", chunks, 501, "NOT_IMPLEMENTED", "transfer_coding"),
                Arguments.of("chunked twice", "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json"
                        + "\nTransfer-Encoding: chunked, chunked", chunks, 501, "NOT_IMPLEMENTED", "transfer_coding"),
                Arguments.of("identity", "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json"
                        + "\nTransfer-Encoding: identity\nContent-Length: 12", BODY, 501, "NOT_IMPLEMENTED", "transfer_coding"),
                Arguments.of("deflate on a GET", "GET /q/health/live HTTP/1.1\nHost: t\nTransfer-Encoding: deflate, chunked",
                        "0\r\n\r\n", 501, "NOT_IMPLEMENTED", "transfer_coding"));
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @MethodSource("refusals")
    void isAProblemCountedAndNoError(String name, String head, String body, int status, String code, String reason)
            throws Exception {
        Scrape before = Scrape.now();
        RawHttp.Answer answer;
        try (CapturedLogs logs = CapturedLogs.start()) {
            answer = RawHttp.exchange(base.getPort(), RawHttp.request(head, body.getBytes(StandardCharsets.UTF_8)),
                    ANSWER_WITHIN);
            assertThat(stillServing()).as("the server still answers a plain request").isEqualTo(400);
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).startsWith("ERROR"));
        }

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        assertThat(answer.body()).contains("\"code\":\"" + code + "\"")
                .contains("\"requestId\":\"" + answer.header("X-Request-Id") + "\"");
        assertThat(Scrape.now().value(FrameworkRefusals.REFUSALS, "reason", reason)
                - before.value(FrameworkRefusals.REFUSALS, "reason", reason)).isEqualTo(1);
        assertThat(Simulator.allCalls()).as("calls that reached WeChat").isZero();
    }

    private int stillServing() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(base.getPort(), RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json"
                + "\nContent-Length: 2\nConnection: close", body), ANSWER_WITHIN).status();
    }
}
