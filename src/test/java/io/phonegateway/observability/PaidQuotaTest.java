package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The paid quota poller against the simulator's /wxa/charge/usage/get, read back from the scrape. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class PaidQuotaTest {

    @Inject
    PaidQuotaPoller poller;

    @BeforeEach
    void resetSimulator() {
        Simulator.freshStart();
    }

    @Test
    void totalUsedAndRemainingFollowWhatWechatReports() {
        given().contentType(ContentType.JSON).body(Map.of("all", 100, "used", 40))
                .put("/simulator/control/paid-quota").then().statusCode(204);
        String code = Simulator.mintCode("13800138000");
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then().statusCode(200);
        Scrape before = Scrape.now();

        poller.pollAll().await().atMost(Duration.ofSeconds(10));

        Scrape after = Scrape.now();
        assertThat(after.find("phone_gateway_paid_quota_limit", "app", "demo", "component", "quick")).hasValue(100);
        assertThat(after.find("phone_gateway_paid_quota_used", "app", "demo", "component", "quick")).hasValue(41); // the lookup above was charged
        assertThat(after.find("phone_gateway_paid_quota_remaining", "app", "demo", "component", "quick")).hasValue(59);
        assertThat(after.find("phone_gateway_paid_quota_remaining", "app", "other", "component", "quick")).hasValue(60); // each app its own pack
        assertThat(after.value("phone_gateway_paid_quota_polls_total", "app", "demo", "result", "ok")
                - before.value("phone_gateway_paid_quota_polls_total", "app", "demo", "result", "ok")).isEqualTo(2);
        for (String app : new String[] { "demo", "other" }) {
            assertThat(after.value("phone_gateway_wechat_calls_total", "app", app, "api", "charge_usage", "errcode", "0")
                    - before.value("phone_gateway_wechat_calls_total", "app", app, "api", "charge_usage", "errcode", "0"))
                    .as("both components of app " + app).isEqualTo(2);
        }
        assertThat(after.find("phone_gateway_paid_quota_remaining", "app", "demo", "component", "realtime")).hasValue(60);
    }

    @Test
    void aFailedPollIsCountedAndKeepsTheLastFigures() {
        poller.pollAll().await().atMost(Duration.ofSeconds(10));
        Simulator.fault(Map.of("api", "charge_usage", "type", "errcode", "errcode", 48001, "times", 4));
        Scrape before = Scrape.now();
        int callsBefore = Simulator.calls("charge_usage");

        poller.pollAll().await().atMost(Duration.ofSeconds(10));

        Scrape after = Scrape.now();
        assertThat(after.value("phone_gateway_paid_quota_polls_total", "app", "demo", "result", "auth_failed")
                - before.value("phone_gateway_paid_quota_polls_total", "app", "demo", "result", "auth_failed")).isEqualTo(2);
        assertThat(after.find("phone_gateway_paid_quota_remaining", "app", "demo", "component", "quick")).hasValue(999); // freshStart minted one code
        assertThat(Simulator.calls("charge_usage") - callsBefore).as("one call per app and component, no retry on 48001")
                .isEqualTo(4);
    }

    @Test
    void theSimulatorAnswersWithWechatsDocumentedShape() {
        String token = "unknown-token";
        given().queryParam("access_token", token).queryParam("spuId", "10000077").get("/simulator/wxa/charge/usage/get")
                .then().statusCode(200).body("errcode", org.hamcrest.Matchers.equalTo(40001));
        given().contentType(ContentType.JSON).body(Map.of("used", 3)).put("/simulator/control/paid-quota").then()
                .statusCode(400);
    }
}
