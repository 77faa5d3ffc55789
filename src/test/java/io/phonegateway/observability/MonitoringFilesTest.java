package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.TokenMode;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.token.AccessToken;
import io.phonegateway.token.TokenKey;
import io.phonegateway.token.TokenStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every series the alerting rules and the Grafana dashboard under {@code k8s/monitoring} use is one the service
 * really exports: a renamed meter breaks this test, not a dashboard nobody looks at until the night it matters.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class MonitoringFilesTest {

    private static final Path MONITORING = Path.of("k8s", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b(phone_gateway_[a-z_]+)\\b");
    /** A series selector with its label matchers: {@code name{...}}. */
    private static final Pattern SELECTOR = Pattern.compile("\\b(phone_gateway_[a-z_]+)\\{([^}]*)}");

    @Inject
    PaidQuotaPoller poller;

    @Inject
    TokenStore store;

    @Inject
    RedisDataSource redis;

    @Test
    void everySeriesOfTheRulesAndTheDashboardIsExported() throws Exception {
        exerciseEverything();
        Set<String> exported = Scrape.now().samples().stream().map(Scrape.Sample::name).collect(Collectors.toSet());

        Set<String> used = new TreeSet<>();
        used.addAll(metricsIn(Files.readString(MONITORING.resolve("phone-gateway.rules.yaml"))));
        used.addAll(metricsIn(Files.readString(MONITORING.resolve("grafana-dashboard.json"))));

        assertThat(used).contains("phone_gateway_lookups_total", "phone_gateway_wechat_calls_total",
                "phone_gateway_circuit_breaker_state");
        assertThat(exported).containsAll(used);
    }

    @Test
    void theDashboardIsGrafanaJsonWithAQueryInEveryPanel() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("phone-gateway");
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
            }
        }
    }

    /**
     * The dashboard's {@code $app} variable reaches every series that has the label (issue 15: the WeChat row once
     * ignored it), and no query filters by {@code app} a series that has none (it would show nothing).
     */
    @Test
    void everyDashboardQueryOfASeriesWithAnAppLabelFollowsTheAppVariable() throws Exception {
        exerciseEverything();
        Scrape scrape = Scrape.now();
        Set<String> withApp = scrape.samples().stream().filter(s -> s.labels().containsKey("app"))
                .map(Scrape.Sample::name).collect(Collectors.toSet());
        Set<String> exported = scrape.samples().stream().map(Scrape.Sample::name).collect(Collectors.toSet());
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());

        Set<String> checked = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SELECTOR.matcher(target.path("expr").asText());
                while (m.find()) {
                    String series = m.group(1);
                    String what = panel.path("title").asText() + ": " + series;
                    assertThat(exported).as(what).contains(series);
                    if (withApp.contains(series)) {
                        assertThat(m.group(2)).as(what).contains("app=~\"$app\"");
                    } else {
                        assertThat(m.group(2)).as(what).doesNotContain("app=");
                    }
                    checked.add(series);
                }
            }
        }
        assertThat(checked).contains("phone_gateway_wechat_calls_total", "phone_gateway_wechat_call_seconds_bucket",
                "phone_gateway_retries_total", "phone_gateway_circuit_breaker_state",
                "phone_gateway_wechat_connections_in_use");
    }

    private void exerciseEverything() {
        Simulator.freshStart();
        given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000"))).post("/phone");
        poller.pollAll().await().atMost(Duration.ofSeconds(10));
        // a lock wait: no token, and another replica holds the refresh lock for a moment
        TokenKey key = new TokenKey(Simulator.DEMO_APP_ID, TokenMode.STABLE);
        AccessToken held = store.current(key).await().atMost(Duration.ofSeconds(5));
        if (held != null) {
            store.invalidate(key, held.value()).await().atMost(Duration.ofSeconds(5));
        }
        String code = Simulator.mintCode("13800138000");
        redis.value(String.class).set("phone-gateway:{" + Simulator.DEMO_APP_ID + "}:token:stable:lock", "another-replica",
                new SetArgs().px(1000));
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then().statusCode(200);
    }

    private static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
