package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The lookup and WeChat series of README "Observability", read the way Prometheus reads them, after known lookups. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LookupMetricsTest {

    private static final String LOOKUPS = "phone_gateway_lookups_total";
    private static final String LOOKUP_SECONDS_COUNT = "phone_gateway_lookup_seconds_count";
    private static final String WECHAT_CALLS = "phone_gateway_wechat_calls_total";

    @BeforeEach
    void freshStart() {
        Simulator.freshStart(); // closed breakers, and a token the simulator knows
    }

    @Test
    void aSuccessfulLookupIsCountedTimedAndCallsWechatOnce() {
        String code = Simulator.mintCode("13800138000");
        Scrape before = Scrape.now();

        lookup(code).then().statusCode(200);

        Scrape after = Scrape.now();
        assertThat(delta(before, after, LOOKUPS, "app", "demo", "outcome", "ok")).isEqualTo(1);
        assertThat(delta(before, after, LOOKUP_SECONDS_COUNT, "app", "demo", "outcome", "ok")).isEqualTo(1);
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "0")).isEqualTo(1);
        assertThat(delta(before, after, "phone_gateway_wechat_call_seconds_count", "app", "demo", "api", "getuserphonenumber"))
                .isEqualTo(1);
        assertThat(after.find("phone_gateway_lookup_seconds_bucket", "app", "demo", "outcome", "ok", "le", "0.1")).isPresent();
        assertThat(after.find("phone_gateway_lookup_seconds_bucket", "app", "demo", "outcome", "ok", "le", "+Inf"))
                .hasValue(after.value(LOOKUP_SECONDS_COUNT, "app", "demo", "outcome", "ok"));
        assertThat(after.find("phone_gateway_wechat_call_seconds_bucket", "app", "demo", "api", "getuserphonenumber", "le",
                "0.25"))
                .isPresent();
        assertThat(after.find("phone_gateway_lookups_in_flight")).isPresent();
    }

    @Test
    void failuresAreCountedByTheirProblemCodeAndWechatsErrcode() {
        Scrape before = Scrape.now();

        lookup("never-minted").then().statusCode(422);
        Simulator.failWithErrcode("getuserphonenumber", -1, 5);
        lookup(Simulator.mintCode("13800138000")).then().statusCode(503);
        Simulator.reset();

        Scrape after = Scrape.now();
        assertThat(delta(before, after, LOOKUPS, "app", "demo", "outcome", "invalid_code")).isEqualTo(1);
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "40029"))
                .isEqualTo(1);
        assertThat(delta(before, after, LOOKUPS, "app", "demo", "outcome", "upstream_busy")).isEqualTo(1);
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "-1"))
                .isPositive();
        assertThat(delta(before, after, "phone_gateway_retries_total", "app", "demo", "api", "getuserphonenumber", "reason",
                "busy"))
                .isEqualTo(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "-1") - 1);
    }

    @Test
    void wechatCallsAndRetriesAreCountedUnderTheAppOfTheLookup() {
        Scrape before = Scrape.now();

        lookup(Simulator.mintCode("13800138000")).then().statusCode(200);
        Simulator.failWithErrcode("getuserphonenumber", -1, 1);
        given().contentType(ContentType.JSON).body(Map.of("code", otherAppCode(), "appId", Simulator.OTHER_APP_ID))
                .post("/phone").then().statusCode(200);

        Scrape after = Scrape.now();
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "0")).isEqualTo(1);
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "-1")).isZero();
        assertThat(delta(before, after, WECHAT_CALLS, "app", "other", "api", "getuserphonenumber", "errcode", "0"))
                .isEqualTo(1);
        assertThat(delta(before, after, WECHAT_CALLS, "app", "other", "api", "getuserphonenumber", "errcode", "-1"))
                .isEqualTo(1);
        assertThat(delta(before, after, "phone_gateway_wechat_call_seconds_count", "app", "demo", "api",
                "getuserphonenumber")).isEqualTo(1);
        assertThat(delta(before, after, "phone_gateway_wechat_call_seconds_count", "app", "other", "api",
                "getuserphonenumber")).isEqualTo(2);
        assertThat(delta(before, after, "phone_gateway_retries_total", "app", "other", "api", "getuserphonenumber",
                "reason", "busy")).isEqualTo(1);
        assertThat(delta(before, after, "phone_gateway_retries_total", "app", "demo", "api", "getuserphonenumber",
                "reason", "busy")).isZero();
        // no series of these meters is left without the app label
        for (String meter : new String[] { WECHAT_CALLS, "phone_gateway_wechat_call_seconds_count",
                "phone_gateway_retries_total" }) {
            assertThat(after.samples(meter)).as(meter).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.labels().get("app")).isIn("demo", "other"));
        }
    }

    private static String otherAppCode() {
        return Simulator.mintCode(Map.of("phoneNumber", "13800138000", "countryCode", "86", "appId", Simulator.OTHER_APP_ID));
    }

    @Test
    void aCodeAskedForAgainIsAnsweredFromTheResultCacheAndCounted() {
        String code = Simulator.mintCode("13800138000");
        lookup(code).then().statusCode(200);
        Scrape before = Scrape.now();

        lookup(code).then().statusCode(200);

        Scrape after = Scrape.now();
        assertThat(delta(before, after, "phone_gateway_result_cache_hits_total", "app", "demo")).isEqualTo(1);
        assertThat(delta(before, after, LOOKUPS, "app", "demo", "outcome", "ok")).isEqualTo(1);
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "0")).isZero();
    }

    @Test
    void aLookupThatJoinsAnIdenticalOneInFlightIsLoggedAndCountedAsSuch() throws Exception {
        String code = Simulator.mintCode("13800138000");
        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "delay", "delayMillis", 1500, "times", 1));
        Scrape before = Scrape.now();
        List<String> lookupLines;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (CapturedLogs logs = CapturedLogs.start()) {
            Callable<Integer> ask = () -> lookup(code).statusCode();
            List<Future<Integer>> answers = pool.invokeAll(List.of(ask, ask));
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
            logs.flush();
            lookupLines = logs.lines().stream().filter(line -> line.contains("lookup requestId=")).toList();
        } finally {
            pool.shutdownNow();
        }

        Scrape after = Scrape.now();
        assertThat(delta(before, after, WECHAT_CALLS, "app", "demo", "api", "getuserphonenumber", "errcode", "0")).isEqualTo(1);
        assertThat(delta(before, after, LOOKUPS, "app", "demo", "outcome", "ok")).isEqualTo(2);
        assertThat(delta(before, after, "phone_gateway_result_cache_hits_total", "app", "demo")).isEqualTo(1);
        assertThat(lookupLines).hasSize(2);
        assertThat(lookupLines).filteredOn(line -> line.contains("joined=true")).hasSize(1);
        assertThat(lookupLines).filteredOn(line -> line.contains("joined=false")).hasSize(1);
    }

    @Test
    void refusalsBeforeTheResourceAreCountedToo() {
        Scrape before = Scrape.now();

        given().contentType(ContentType.TEXT).body("code=abc").post("/phone").then().statusCode(415);
        given().contentType(ContentType.JSON).body("{\"code\":\"" + "a".repeat(5000) + "\"}").post("/phone")
                .then().statusCode(413);
        given().contentType(ContentType.JSON).body("{\"code\":\"\"}").post("/phone").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("code", "abc", "appId", "wx0000000000000bad"))
                .post("/phone").then().statusCode(400);

        Scrape after = Scrape.now();
        assertThat(delta(before, after, LOOKUPS, "app", "unknown", "outcome", "unsupported_media_type")).isEqualTo(1);
        assertThat(delta(before, after, LOOKUPS, "app", "unknown", "outcome", "payload_too_large")).isEqualTo(1);
        assertThat(delta(before, after, LOOKUPS, "app", "unknown", "outcome", "invalid_request")).isEqualTo(1);
        assertThat(delta(before, after, LOOKUPS, "app", "unknown", "outcome", "unknown_app")).isEqualTo(1);
    }

    @Test
    void everyAppAndOutcomeExistsFromTheStartAndNoLabelCarriesInput() {
        Scrape scrape = Scrape.now();

        for (String app : new String[] { "demo", "other" }) {
            assertThat(scrape.find(LOOKUPS, "app", app, "outcome", "upstream_auth_failed")).isPresent();
            assertThat(scrape.find("phone_gateway_result_cache_hits_total", "app", app)).isPresent();
            assertThat(scrape.find("phone_gateway_token_fetches_total", "app", app, "result", "ok")).isPresent();
            assertThat(scrape.find(WECHAT_CALLS, "app", app, "api", "getuserphonenumber", "errcode", "0")).isPresent();
            assertThat(scrape.find(WECHAT_CALLS, "app", app, "api", "stable_token", "errcode", "0")).isPresent();
            assertThat(scrape.find("phone_gateway_retries_total", "app", app, "api", "getuserphonenumber", "reason", "busy"))
                    .isPresent();
            assertThat(scrape.find("phone_gateway_retries_total", "app", app, "api", "jscode2session", "reason", "busy"))
                    .isPresent();
        }
        assertThat(scrape.samples(LOOKUPS)).allSatisfy(s -> assertThat(s.labels().get("app")).isIn("demo", "other", "unknown"));
        assertThat(scrape.text()).doesNotContain("never-minted").doesNotContain("13800138000");
    }

    static io.restassured.response.Response lookup(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone");
    }

    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
