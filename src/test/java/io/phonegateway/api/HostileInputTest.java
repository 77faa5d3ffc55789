package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RawHttp;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed and hostile requests, sent as raw bytes so that lengths may lie, chunking may break and bodies may
 * stall: each is answered with a 4xx (a problem+json with the right code wherever the request reached the
 * gateway's code), the server keeps serving, and nothing reaches WeChat. Requests the HTTP codec itself refuses
 * before any route (huge headers, a too long URL, contradictory framing) are answered with a bare 4xx by Vert.x,
 * and broken chunk framing makes it close the connection unanswered; those rows expect no problem code.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class HostileInputTest {

    private static final String JSON = "application/json";
    private static final String MARKER = "HOSTILE-MARKER-7";
    /** Expected "status" of a request whose framing is so broken that the HTTP codec closes the connection unanswered. */
    private static final int CLOSED = 0;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20); // body-timeout in %test is 2 s

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void resetSimulator() {
        Simulator.reset();
    }

    /** Bodies the parser refuses with 400 INVALID_REQUEST, as (name, bytes); also sent over HTTP/2 by Http2Test. */
    static List<Arguments> invalidBodies() {
        List<Arguments> bodies = new ArrayList<>();
        // Not a JSON object
        bad(bodies, "not JSON", "code=abc");
        bad(bodies, "empty body", "");
        bad(bodies, "JSON array", "[\"" + MARKER + "\"]");
        bad(bodies, "JSON string", "\"" + MARKER + "\"");
        bad(bodies, "JSON number", "42");
        bad(bodies, "JSON null", "null");
        bad(bodies, "JSON true", "true");
        bad(bodies, "only whitespace", "   \n\t ");
        // code: missing, wrong type, null
        bad(bodies, "empty object", "{}");
        bad(bodies, "code null", "{\"code\":null}");
        bad(bodies, "code a number", "{\"code\":12345}");
        bad(bodies, "code a huge number", "{\"code\":1e999999}");
        bad(bodies, "code a boolean", "{\"code\":true}");
        bad(bodies, "code an object", "{\"code\":{\"a\":\"" + MARKER + "\"}}");
        bad(bodies, "code an array", "{\"code\":[\"" + MARKER + "\"]}");
        bad(bodies, "code NaN", "{\"code\":NaN}");
        // code: characters and length
        bad(bodies, "code empty", "{\"code\":\"\"}");
        bad(bodies, "code blank", "{\"code\":\"   \"}");
        bad(bodies, "code with a space", "{\"code\":\"ab " + MARKER + "\"}");
        bad(bodies, "code with an escaped tab", "{\"code\":\"a\\tb" + MARKER + "\"}");
        bad(bodies, "code with an escaped NUL", "{\"code\":\"a\\u0000" + MARKER + "\"}");
        bad(bodies, "code with DEL", "{\"code\":\"a\\u007f" + MARKER + "\"}");
        bad(bodies, "code with an escaped newline", "{\"code\":\"a\\r\\nX-Injected: 1" + MARKER + "\"}");
        bad(bodies, "code with a raw control byte", bytes("{\"code\":\"a\u0001b" + MARKER + "\"}"));
        bad(bodies, "code with a raw newline", bytes("{\"code\":\"a\nb" + MARKER + "\"}"));
        bad(bodies, "code non-ASCII", "{\"code\":\"é" + MARKER + "\"}");
        bad(bodies, "code with an emoji", "{\"code\":\"a\uD83D\uDE00" + MARKER + "\"}");
        bad(bodies, "code with a lone surrogate escape", "{\"code\":\"a\\ud800" + MARKER + "\"}");
        bad(bodies, "code with right-to-left override", "{\"code\":\"a\u202E" + MARKER + "\"}");
        bad(bodies, "code with a zero-width space", "{\"code\":\"a\u200B" + MARKER + "\"}");
        bad(bodies, "code with a fullwidth letter", "{\"code\":\"\uFF41" + MARKER + "\"}");
        bad(bodies, "code in invalid UTF-8", concat(bytes("{\"code\":\"a"), new byte[] { (byte) 0xC3, 0x28 }, bytes("\"}")));
        bad(bodies, "code in overlong UTF-8", // 0xC0 0xAF is an overlong '/'
                concat(bytes("{\"code\":\"a"), new byte[] { (byte) 0xC0, (byte) 0xAF }, bytes("\"}")));
        bad(bodies, "code of 129 characters", "{\"code\":\"" + "a".repeat(129) + "\"}");
        bad(bodies, "code of 4000 characters", "{\"code\":\"" + "a".repeat(4000) + "\"}");
        // JSON structure
        bad(bodies, "duplicate code", "{\"code\":\"a\",\"code\":\"b\"}");
        bad(bodies, "duplicate appId", "{\"code\":\"a\",\"appId\":\"" + Simulator.DEMO_APP_ID + "\",\"appId\":\"wx1\"}");
        bad(bodies, "duplicate key nested", "{\"x\":{\"k\":1,\"k\":2},\"code\":\"a\"}");
        bad(bodies, "trailing object", "{\"code\":\"a\"} {\"code\":\"b\"}");
        bad(bodies, "trailing garbage", "{\"code\":\"a\"}x");
        bad(bodies, "deep arrays", "{\"x\":" + "[".repeat(500) + "]".repeat(500) + ",\"code\":\"a\"}");
        bad(bodies, "deep objects", "{\"code\":\"a\",\"x\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}");
        bad(bodies, "deep and unclosed", "{\"x\":" + "[".repeat(3000));
        bad(bodies, "unterminated string", "{\"code\":\"abc");
        bad(bodies, "unterminated object", "{\"code\":\"abc\"");
        bad(bodies, "single quotes", "{'code':'abc'}");
        bad(bodies, "comment", "{/* hi */\"code\":\"abc\"}");
        bad(bodies, "unquoted key", "{code:\"abc\"}");
        bad(bodies, "many keys and no code", "{" + manyKeys(300) + "}");
        // appId and openid
        bad(bodies, "appId a number", "{\"code\":\"a\",\"appId\":42}");
        bad(bodies, "appId empty", "{\"code\":\"a\",\"appId\":\"\"}");
        bad(bodies, "appId with a control character", "{\"code\":\"a\",\"appId\":\"wx\\u0007" + MARKER + "\"}");
        bad(bodies, "appId too long", "{\"code\":\"a\",\"appId\":\"wx" + "0".repeat(200) + "\"}");
        bad(bodies, "openid a list", "{\"code\":\"a\",\"openid\":[]}");
        bad(bodies, "openid a number", "{\"code\":\"a\",\"openid\":7}");
        bad(bodies, "openid non-ASCII", "{\"code\":\"a\",\"openid\":\"ö" + MARKER + "\"}");
        bad(bodies, "openid too long", "{\"code\":\"a\",\"openid\":\"" + "o".repeat(129) + "\"}");
        return bodies;
    }

    static Stream<Arguments> hostileRequests() {
        List<Arguments> rows = new ArrayList<>();
        invalidBodies().forEach(body -> rows.add(row((String) body.get()[0], post(JSON, (byte[]) body.get()[1]), 400,
                "INVALID_REQUEST")));
        rows.add(row("appId unknown", post(JSON, bytes("{\"code\":\"a\",\"appId\":\"wx" + "9".repeat(16) + "\"}")), 400,
                "UNKNOWN_APP"));
        // Media type and method
        rows.add(row("text/plain", post("text/plain", bytes("{\"code\":\"a\"}")), 415, "UNSUPPORTED_MEDIA_TYPE"));
        rows.add(row("form encoded", post("application/x-www-form-urlencoded", bytes("code=a")), 415,
                "UNSUPPORTED_MEDIA_TYPE"));
        rows.add(row("XML", post("application/xml", bytes("<code>a</code>")), 415, "UNSUPPORTED_MEDIA_TYPE"));
        rows.add(row("no Content-Type", RawHttp.request(
                "POST /phone HTTP/1.1\nHost: t\nConnection: close\nContent-Length: 12", bytes("{\"code\":\"a\"}")), 415,
                "UNSUPPORTED_MEDIA_TYPE"));
        rows.add(row("GET", RawHttp.request("GET /phone HTTP/1.1\nHost: t\nConnection: close", new byte[0]), 405,
                "METHOD_NOT_ALLOWED"));
        rows.add(row("PUT", RawHttp.request("PUT /phone HTTP/1.1\nHost: t\nConnection: close\nContent-Type: application/json"
                + "\nContent-Length: 12", bytes("{\"code\":\"a\"}")), 405, "METHOD_NOT_ALLOWED"));
        // Size and framing
        rows.add(row("Content-Length over 4 KiB", post(JSON, bytes("{\"pad\":\"" + "x".repeat(5000) + "\"}")), 413,
                "PAYLOAD_TOO_LARGE"));
        rows.add(row("Content-Length of a terabyte, tiny body", RawHttp.request(
                "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 1000000000000",
                bytes("{\"code\":\"a\"}")), 413, "PAYLOAD_TOO_LARGE"));
        rows.add(row("Content-Length shorter than the body", RawHttp.request(
                "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 9",
                bytes("{\"code\":\"a\",\"pad\":\"" + "x".repeat(5000) + "\"}")), 400, "INVALID_REQUEST"));
        rows.add(row("Content-Length longer than the body, then silence", RawHttp.request(
                "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 100",
                bytes("{\"code\":")), 408, "REQUEST_TIMEOUT"));
        rows.add(row("chunked over 4 KiB", chunked(bytes("{\"pad\":\"" + "x".repeat(5000) + "\"}")), 413,
                "PAYLOAD_TOO_LARGE"));
        rows.add(row("chunked over max-body-size", chunked(bytes("{\"pad\":\"" + "x".repeat(70_000) + "\"}")), 413,
                "PAYLOAD_TOO_LARGE"));
        rows.add(row("chunked in many small chunks over 4 KiB", chunkedRaw("1\r\n \r\n".repeat(4097) + "0\r\n\r\n"), 413,
                "PAYLOAD_TOO_LARGE"));
        rows.add(row("chunked and empty", chunkedRaw("0\r\n\r\n"), 400, "INVALID_REQUEST"));
        rows.add(row("chunked, not JSON", chunked(bytes("code=a")), 400, "INVALID_REQUEST"));
        rows.add(row("chunked with a broken chunk size", chunkedRaw("zz\r\n{}\r\n0\r\n\r\n"), CLOSED, null));
        rows.add(row("chunked, half a chunk, then silence", chunkedRaw("20\r\n{\"code\":"), 408, "REQUEST_TIMEOUT"));
        rows.add(row("both Content-Length and chunked", RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: "
                + "application/json\nContent-Length: 4\nTransfer-Encoding: chunked\nConnection: close",
                bytes("c\r\n{\"code\":\"a\"}\r\n0\r\n\r\n")), 400, null));
        rows.add(row("negative Content-Length", RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: "
                + "application/json\nContent-Length: -1\nConnection: close", bytes("{}")), 400, null));
        rows.add(row("a 30 KB header", RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\n"
                + "X-Big: " + "h".repeat(30_000) + "\nContent-Length: 2\nConnection: close", bytes("{}")), 431, null));
        rows.add(row("a thousand headers", RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\n"
                + "X-Many: abcdefghijklmnopqrstuvwxyz\n".repeat(1000) + "Content-Length: 2\nConnection: close", bytes("{}")),
                431, null));
        rows.add(row("a 10 KB URL", RawHttp.request("POST /phone?" + "q".repeat(10_000) + " HTTP/1.1\nHost: t\n"
                + "Content-Type: application/json\nContent-Length: 2\nConnection: close", bytes("{}")), 414, null));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("hostileRequests")
    void isRefusedWithA4xxAndNeverReachesWechat(String name, byte[] request, int status, String code) throws Exception {
        RawHttp.Answer answer;
        try (CapturedLogs logs = CapturedLogs.start()) {
            answer = RawHttp.exchange(base.getPort(), request, ANSWER_WITHIN);
            assertThat(stillServing()).as("the server still answers a plain request").isEqualTo(400);
            assertThat(logs.lines()).as("a caller's mistake is no ERROR")
                    .noneSatisfy(line -> assertThat(line).startsWith("ERROR"));
        }

        assertThat(answer.status()).as(name).isEqualTo(status);
        assertThat(status == CLOSED || (status >= 400 && status < 500)).as("a refusal, never a success or a 5xx")
                .isTrue();
        if (code != null) {
            assertThat(answer.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
            assertThat(answer.body()).contains("\"code\":\"" + code + "\"").contains("\"requestId\":");
        }
        assertThat(answer.body()).doesNotContain(MARKER);
        assertThat(Simulator.allCalls()).as("calls that reached WeChat").isZero();
    }

    @Test
    void aHostileRequestIdIsReplaced() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(base.getPort(), RawHttp.request("POST /phone HTTP/1.1\nHost: t\n"
                + "X-Request-Id: <script>alert(1)</script>\nContent-Type: application/json\nContent-Length: 2\n"
                + "Connection: close", bytes("{}")), ANSWER_WITHIN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(answer.body()).doesNotContain("script");
    }

    private int stillServing() throws Exception {
        return RawHttp.exchange(base.getPort(), post(JSON, bytes("{}")), ANSWER_WITHIN).status();
    }

    private static void bad(List<Arguments> bodies, String name, String body) {
        bad(bodies, name, bytes(body));
    }

    private static void bad(List<Arguments> bodies, String name, byte[] body) {
        bodies.add(Arguments.of(name, body));
    }

    private static Arguments row(String name, byte[] request, int status, String code) {
        return Arguments.of(name, request, status, code);
    }

    private static byte[] post(String contentType, byte[] body) {
        return RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: " + contentType + "\nContent-Length: "
                + body.length + "\nConnection: close", body);
    }

    private static byte[] chunked(byte[] body) {
        return concat(chunkedHead(), bytes(Integer.toHexString(body.length) + "\r\n"), body, bytes("\r\n0\r\n\r\n"));
    }

    private static byte[] chunkedRaw(String chunks) {
        return concat(chunkedHead(), bytes(chunks));
    }

    private static byte[] chunkedHead() {
        return RawHttp.request("POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\n"
                + "Transfer-Encoding: chunked\nConnection: close", new byte[0]);
    }

    private static String manyKeys(int n) {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < n; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return keys.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
