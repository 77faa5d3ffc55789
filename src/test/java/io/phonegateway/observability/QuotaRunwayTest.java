package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.ChinaDay;
import io.phonegateway.ledger.Ledger;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.testsupport.LedgerWrites;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The quota runway and today's reconciliation, from the simulator's {@code /wxa/charge/usage/get} and the ledger: the
 * runway is the remaining quota over the last 7 days' average paid count; the gap is what WeChat charged (every tap that
 * produced a code) minus what the gateway handed out.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class QuotaRunwayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    PaidQuotaPoller poller;

    @Inject
    Ledger ledger;

    @Inject
    ReactiveRedisDataSource redis;

    @BeforeEach
    void emptyLedgerOfDemo() {
        Simulator.freshStart();
        awaitWritten();
        LocalDate today = ChinaDay.today();
        for (int d = 0; d < 7; d++) {
            redis.execute("DEL", RedisKeys.ledgerDay(Simulator.DEMO_APP_ID, today.minusDays(d))).await().atMost(WAIT);
        }
        redis.execute("DEL", RedisKeys.ledgerBaseline(Simulator.DEMO_APP_ID, today, "quick")).await().atMost(WAIT);
    }

    @Test
    void theRunwayIsTheRemainingQuotaOverTheLastWeeksDailyAverage() {
        given().contentType(ContentType.JSON).body(Map.of("all", 107, "used", 0, "appId", Simulator.DEMO_APP_ID))
                .put("/simulator/control/paid-quota").then().statusCode(204);
        for (int i = 0; i < 7; i++) {
            lookup(Simulator.mintCode("1380013800" + i));
        }
        awaitWritten();

        poller.pollAll().await().atMost(WAIT);

        Scrape scrape = Scrape.now();
        assertThat(scrape.find("phone_gateway_paid_quota_remaining", "app", "demo", "component", "quick")).hasValue(100);
        // 7 paid this week: 1 a day; 100 left last 100 days
        assertThat(scrape.find("phone_gateway_paid_quota_runway_days", "app", "demo", "component", "quick")).hasValue(100);
        double end = scrape.find("phone_gateway_paid_quota_end_timestamp_seconds", "app", "demo", "component", "quick")
                .orElseThrow();
        assertThat(end).as("the pack's endTime").isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void nothingPaidThisWeekIsAnEndlessRunway() {
        poller.pollAll().await().atMost(WAIT);

        assertThat(Scrape.now().find("phone_gateway_paid_quota_runway_days", "app", "demo", "component", "quick"))
                .hasValue(Double.POSITIVE_INFINITY);
    }

    @Test
    void theGapIsWhatWechatChargedForCodesThatNeverReachedTheGateway() {
        poller.pollAll().await().atMost(WAIT); // the day's first look: the baseline
        assertThat(Scrape.now().find("phone_gateway_paid_quota_reconciliation_gap", "app", "demo", "component", "quick"))
                .hasValue(0);

        lookup(Simulator.mintCode("13800138001"));
        lookup(Simulator.mintCode("13800138002"));
        Simulator.mintCode("13800138003"); // the user tapped; the code never came to the gateway
        awaitWritten();
        poller.pollAll().await().atMost(WAIT);

        assertThat(Scrape.now().find("phone_gateway_paid_quota_reconciliation_gap", "app", "demo", "component", "quick"))
                .hasValue(1);
    }

    private static void lookup(String code) {
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then().statusCode(200);
    }

    private void awaitWritten() {
        LedgerWrites.awaitWritten(ledger, WAIT);
    }
}
