package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.ChinaDay;
import io.phonegateway.ledger.Ledger;
import io.phonegateway.testsupport.LedgerWrites;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code GET /usage} through the HTTP stack with the lookups it counts: a number WeChat handed out is paid once, the
 * answer the result cache gives a retry is a saving, each by the component the request named or the app's default.
 * Authentication is off here, so the caller is {@code anonymous}, who may read the ledger (scopes: CallerScopesIT).
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class UsageResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Ledger ledger;

    @BeforeEach
    void resetSimulator() {
        Simulator.freshStart();
    }

    @Test
    void aLookupIsPaidOnceAndItsRetryIsASaving() {
        Scrape metricsBefore = Scrape.now();
        Map<String, Long> before = usage("demo", "anonymous");
        String quick = Simulator.mintCode("13800138000");
        String realtime = Simulator.mintCode(Map.of("phoneNumber", "13900139000", "component", "realtime"));

        lookup(Map.of("code", quick));
        lookup(Map.of("code", quick)); // the retry: answered from the result cache, not paid again
        lookup(Map.of("code", realtime, "component", "realtime"));
        awaitWritten();

        Map<String, Long> after = usage("demo", "anonymous");
        assertThat(after.get("quick.paid") - before.get("quick.paid")).isEqualTo(1);
        assertThat(after.get("quick.saved") - before.get("quick.saved")).isEqualTo(1);
        assertThat(after.get("realtime.paid") - before.get("realtime.paid")).isEqualTo(1);
        assertThat(after.get("realtime.saved") - before.get("realtime.saved")).isZero();
        assertThat(Simulator.calls("getuserphonenumber")).isEqualTo(2);

        Scrape metrics = Scrape.now();
        assertThat(delta(metricsBefore, metrics, "phone_gateway_paid_lookups_total", "app", "demo", "caller", "anonymous",
                "component", "quick")).isEqualTo(1);
        assertThat(delta(metricsBefore, metrics, "phone_gateway_paid_lookups_total", "app", "demo", "caller", "anonymous",
                "component", "realtime")).isEqualTo(1);
        assertThat(delta(metricsBefore, metrics, "phone_gateway_result_cache_savings_total", "app", "demo")).isEqualTo(1);
        assertThat(metrics.find("phone_gateway_paid_lookups_total", "app", "other", "caller", "anonymous", "component",
                "realtime")).as("every app, caller and component exists at zero").isPresent();
        assertThat(metrics.find("phone_gateway_paid_lookup_price_cny", "component", "realtime")).hasValue(0.04);
    }

    @Test
    void costsArePaidCountsTimesThePriceOfTheirComponent() {
        String today = ChinaDay.today().toString();
        lookup(Map.of("code", Simulator.mintCode("13800138000")));
        awaitWritten();

        List<Map<String, Object>> rows = given().queryParam("from", today).queryParam("to", today)
                .queryParam("app", Simulator.DEMO_APP_ID).get("/usage")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("from", equalTo(today)).body("to", equalTo(today)).body("currency", equalTo("CNY"))
                .extract().path("rows");
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("day")).isEqualTo(today);
            assertThat(row.get("app")).isEqualTo("demo");
            double price = "quick".equals(row.get("component")) ? 0.03 : 0.04;
            assertThat(((Number) row.get("cost")).doubleValue())
                    .isCloseTo(((Number) row.get("paid")).doubleValue() * price, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(((Number) row.get("savedCost")).doubleValue())
                    .isCloseTo(((Number) row.get("saved")).doubleValue() * price, org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void financeGetsCsvOnAcceptTextCsv() {
        String today = ChinaDay.today().toString();
        lookup(Map.of("code", Simulator.mintCode("13800138000")));
        awaitWritten();

        String csv = given().accept("text/csv").queryParam("from", today).queryParam("caller", "anonymous")
                .get("/usage").then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("usage-" + today + "-" + today + ".csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("day,app,app_id,caller,component,paid,cost_cny,saved,saved_cny");
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith(today + ",demo," + Simulator.DEMO_APP_ID + ",anonymous,quick,"));
        assertThat(csv).contains("\r\n");
    }

    @Test
    void aLoginWithAPhoneCodeIsCounted() {
        Map<String, Long> before = usage("demo", "anonymous");
        Map<String, String> codes = Simulator.mintLogin("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", null, "13800138000");

        given().contentType(ContentType.JSON)
                .body(Map.of("loginCode", codes.get("loginCode"), "phoneCode", codes.get("phoneCode")))
                .post("/login").then().statusCode(200);
        awaitWritten();

        assertThat(usage("demo", "anonymous").get("quick.paid") - before.get("quick.paid")).isEqualTo(1);
    }

    @Test
    void badDatesAndRangesAreProblemsNamingTheParameter() {
        problem(Map.of("from", "2026-13-01"), 400, "INVALID_REQUEST", "'from'");
        problem(Map.of("to", "yesterday"), 400, "INVALID_REQUEST", "'to'");
        problem(Map.of("from", "2026-12-02", "to", "2026-12-01"), 400, "INVALID_REQUEST", "'from'");
        problem(Map.of("from", "2024-01-01", "to", "2026-12-01"), 400, "INVALID_REQUEST", "retention-days");
        problem(Map.of("app", "nope"), 400, "UNKNOWN_APP", "'app'");
        given().contentType(ContentType.JSON).body(Map.of("code", "x", "component", "premium")).post("/phone")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("detail", containsString("'component'"));
        assertThat(Simulator.calls("getuserphonenumber")).isZero();
    }

    private static void problem(Map<String, String> query, int status, String code, String detail) {
        given().queryParams(query).get("/usage").then().statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code))
                .body("detail", containsString(detail));
    }

    private static void lookup(Map<String, Object> body) {
        given().contentType(ContentType.JSON).body(body).post("/phone").then().statusCode(200);
    }

    /** Today's paid and saved counts of one app and caller, by {@code component.paid} / {@code component.saved}. */
    private static Map<String, Long> usage(String app, String caller) {
        List<Map<String, Object>> rows = given().queryParam("app", app).queryParam("caller", caller).get("/usage")
                .then().statusCode(200).extract().path("rows");
        Map<String, Long> counts = new java.util.HashMap<>(Map.of("quick.paid", 0L, "quick.saved", 0L,
                "realtime.paid", 0L, "realtime.saved", 0L));
        for (Map<String, Object> row : rows) {
            assertThat(row.get("caller")).isEqualTo(caller);
            counts.merge(row.get("component") + ".paid", ((Number) row.get("paid")).longValue(), Long::sum);
            counts.merge(row.get("component") + ".saved", ((Number) row.get("saved")).longValue(), Long::sum);
        }
        return counts;
    }

    private void awaitWritten() {
        LedgerWrites.awaitWritten(ledger, WAIT);
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
