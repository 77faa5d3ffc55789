package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RawHttp;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every path Quarkus REST routes to the lookup resource is one way in ({@link LookupPath}): a trailing slash, a dot
 * segment, a double slash, a percent-encoded letter or a matrix parameter is counted, logged, size-checked and timed
 * out exactly like {@code /phone}, and a path that only looks like it is neither
 * (authentication and the rate limit on such paths: CallerSecurityIT, where they are on).
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LookupPathVariantsTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final String LOOKUPS = "phone_gateway_lookups_total";
    private static final String LOGINS = "phone_gateway_logins_total";

    @TestHTTPResource
    URL base;

    @BeforeEach
    void freshStart() {
        Simulator.freshStart();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/phone/", "/phone/.", "/phone;x=1", "//phone", "/%70hone", "/x/../phone", "/phone;a;b=c//" })
    void aLookupIsCountedAndLoggedLikePhone(String path) throws Exception {
        String code = Simulator.mintCode("13800138000");
        Scrape before = Scrape.now();
        RawHttp.Answer answer;
        try (CapturedLogs logs = CapturedLogs.start()) {
            answer = post(path, "{\"code\":\"" + code + "\"}");
            logs.flush();
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("lookup requestId=").contains("outcome=ok").contains("phone=**********8000"));
        }
        assertThat(answer.status()).isEqualTo(200);
        assertThat(Scrape.now().value(LOOKUPS, "app", "demo", "outcome", "ok")
                - before.value(LOOKUPS, "app", "demo", "outcome", "ok"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/phone/", "/phone/.", "/phone;x=1", "//phone", "/%70hone" })
    void aBodyOverFourKibibytesIsTheProblemOfPhone(String path) throws Exception {
        Scrape before = Scrape.now();
        int callsBefore = Simulator.calls("getuserphonenumber");

        RawHttp.Answer answer = post(path, "{\"code\":\"" + "a".repeat(70_000) + "\"}");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(Scrape.now().value(LOOKUPS, "app", "unknown", "outcome", "payload_too_large")
                - before.value(LOOKUPS, "app", "unknown", "outcome", "payload_too_large")).isEqualTo(1);
        assertThat(Simulator.calls("getuserphonenumber")).isEqualTo(callsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/phone/", "/phone;x=1" })
    void aStalledBodyGetsTheTimeoutProblemOfPhone(String path) throws Exception {
        byte[] half = RawHttp.request("POST " + path + " HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: 40",
                "{\"code\":".getBytes(StandardCharsets.UTF_8));

        RawHttp.Answer answer = RawHttp.exchange(base.getPort(), half, ANSWER_WITHIN);

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("\"code\":\"REQUEST_TIMEOUT\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/login", "/login/", "/login/.", "/login;x=1" })
    void aLoginIsCountedLoggedAndSizeCheckedLikePhone(String path) throws Exception {
        String code = Simulator.mintLogin("o-variant-user-000001", null, null).get("loginCode");
        Scrape before = Scrape.now();
        RawHttp.Answer answer;
        RawHttp.Answer tooLarge;
        try (CapturedLogs logs = CapturedLogs.start()) {
            answer = post(path, "{\"loginCode\":\"" + code + "\"}");
            tooLarge = post(path, "{\"loginCode\":\"" + "a".repeat(70_000) + "\"}");
            logs.flush();
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("login requestId=").contains("outcome=ok").contains("openid=o-va***0001"));
        }
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        Scrape after = Scrape.now();
        assertThat(after.value(LOGINS, "app", "demo", "outcome", "ok") - before.value(LOGINS, "app", "demo", "outcome", "ok"))
                .isEqualTo(1);
        assertThat(after.value(LOGINS, "app", "unknown", "outcome", "payload_too_large")
                - before.value(LOGINS, "app", "unknown", "outcome", "payload_too_large")).isEqualTo(1);
        assertThat(after.value(LOOKUPS, "app", "demo", "outcome", "ok"))
                .isEqualTo(before.value(LOOKUPS, "app", "demo", "outcome", "ok"));
    }

    /** Paths that look like /phone to a careless reader but reach no resource: a 404 problem, not a lookup. */
    @ParameterizedTest
    @ValueSource(strings = { "/phone;a/x", "/phone/;a/", "/phone%2F", "/phone%3Bx=1", "/PHONE" })
    void aPathThatReachesNoResourceIsNotALookup(String path) throws Exception {
        Scrape before = Scrape.now();
        RawHttp.Answer answer;
        try (CapturedLogs logs = CapturedLogs.start()) {
            answer = post(path, "{\"code\":\"abc\"}");
            logs.flush();
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).contains("lookup requestId="));
        }
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("\"code\":\"NOT_FOUND\"");
        assertThat(Scrape.now().value(LOOKUPS, "app", "unknown", "outcome", "not_found")
                - before.value(LOOKUPS, "app", "unknown", "outcome", "not_found")).isZero();
    }

    private RawHttp.Answer post(String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] request = RawHttp
                .request("POST " + path + " HTTP/1.1\nHost: t\nContent-Type: application/json\nConnection: close\n"
                        + "Content-Length: " + body.length, body);
        return RawHttp.exchange(base.getPort(), request, ANSWER_WITHIN);
    }
}
