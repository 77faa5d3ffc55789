package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Per-caller scopes and phone output on the packaged service with authentication on, two replicas sharing one Redis
 * and one simulator: each caller's view is made from the one stored result (WeChat asked once), a caller outside its
 * apps or without the admin scope gets its own 403, both replicas count into one ledger that {@code GET /usage} shows,
 * and the pepper appears in no answer, log line or metric.
 */
class CallerScopesIT {

    /** Unique per run: the ledger lives in Redis, which may outlive a run when REDIS_URL is given. */
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
    private static final String FULL = "orders" + RUN;
    private static final String MASKED = "crm" + RUN;
    private static final String HASHED = "matcher" + RUN;
    private static final String ADMIN = "finance" + RUN;
    /** Counted only by the ledger test, so other tests' lookups do not change its rows. */
    private static final String COUNTED = "billing" + RUN;
    private static final String PEPPER = "pepper-" + RUN + "-never-shown-anywhere";

    private static GatewayProcess first;
    private static GatewayProcess second;
    private static final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() {
        String redis = RedisServerResource.startEmpty();
        first = GatewayProcess.start("scopes-replica-1", replica(redis, "http://localhost:{port}/simulator"));
        second = GatewayProcess.start("scopes-replica-2", replica(redis, first.url() + "/simulator"));
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static Map<String, String> replica(String redis, String wechat) {
        Map<String, String> p = GatewayProcess.selfContained();
        p.put("quarkus.rest-client.wechat.url", wechat);
        p.put("quarkus.redis.hosts", redis);
        p.put("phone-gateway.token.store", "redis");
        p.put("phone-gateway.apps.other.app-id", Simulator.OTHER_APP_ID);
        p.put("phone-gateway.apps.other.app-secret", "it-secret-of-other");
        p.put("phone-gateway.default-app", "demo");
        p.put("phone-gateway.auth.enabled", "true");
        for (String client : List.of(FULL, MASKED, HASHED, ADMIN, COUNTED)) {
            p.put("phone-gateway.auth.api-keys." + client, key(client));
        }
        p.put("phone-gateway.auth.scopes." + MASKED + ".phone-output", "masked");
        p.put("phone-gateway.auth.scopes." + MASKED + ".apps", "demo");
        p.put("phone-gateway.auth.scopes." + HASHED + ".phone-output", "hashed");
        p.put("phone-gateway.auth.scopes." + ADMIN + ".admin", "true");
        p.put("phone-gateway.auth.phone-hash-pepper", PEPPER);
        return p;
    }

    private static String key(String client) {
        return client + "-key-" + "k".repeat(24);
    }

    @Test
    void eachCallerSeesItsOwnViewOfOneStoredResult() {
        String code = mint(Map.of("phoneNumber", "13800138000"));
        int callsBefore = Simulator.calls(first.url(), "getuserphonenumber");

        lookup(first, FULL, Map.of("code", code)).then().statusCode(200)
                .body("phoneNumber", equalTo("13800138000")).body("e164", equalTo("+8613800138000"))
                .body("phoneHash", nullValue());
        lookup(second, MASKED, Map.of("code", code)).then().statusCode(200)
                .body("phoneNumber", equalTo("138****8000")).body("purePhoneNumber", equalTo("138****8000"))
                .body("countryCode", equalTo("86")).body("regionCode", equalTo("CN"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("e164")));
        lookup(first, HASHED, Map.of("code", code)).then().statusCode(200)
                .body("phoneHash", equalTo(hash("+8613800138000"))).body("countryCode", equalTo("86"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("phoneNumber")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("purePhoneNumber")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("e164")));

        assertThat(Simulator.calls(first.url(), "getuserphonenumber") - callsBefore).as("WeChat asked once").isEqualTo(1);
    }

    @Test
    void theHashIsTheSameForEveryAppSoServicesCanMatchUsers() {
        String inDemo = lookup(second, HASHED, Map.of("code", mint(Map.of("phoneNumber", "13900139000"))))
                .then().statusCode(200).extract().path("phoneHash");
        String inOther = lookup(first, HASHED, Map.of("code", mint(Map.of("phoneNumber", "13900139000", "appId",
                Simulator.OTHER_APP_ID)), "appId", Simulator.OTHER_APP_ID)).then().statusCode(200).extract().path("phoneHash");

        assertThat(inDemo).isEqualTo(inOther).isEqualTo(hash("+8613900139000"));
    }

    @Test
    void aCallerOutsideItsAppsIsRefusedBeforeWechatIsAsked() {
        String code = mint(Map.of("phoneNumber", "13800138000", "appId", Simulator.OTHER_APP_ID));
        int callsBefore = Simulator.calls(first.url(), "getuserphonenumber");

        lookup(first, MASKED, Map.of("code", code, "appId", Simulator.OTHER_APP_ID)).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("APP_NOT_IN_SCOPE"))
                .body("detail", containsString("other"));
        usage(first, ADMIN, Map.of()).then().statusCode(200); // the admin may read every app
        usage(first, MASKED, Map.of()).then().statusCode(403).body("code", equalTo("ADMIN_SCOPE_REQUIRED"));
        usage(second, FULL, Map.of("app", "demo")).then().statusCode(403).body("code", equalTo("ADMIN_SCOPE_REQUIRED"));
        given().baseUri(first.url()).get("/usage").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));

        assertThat(Simulator.calls(first.url(), "getuserphonenumber")).isEqualTo(callsBefore);
    }

    @Test
    void bothReplicasCountIntoOneLedgerThatUsageShowsAsJsonAndCsv() {
        for (int i = 0; i < 3; i++) {
            lookup(i % 2 == 0 ? first : second, COUNTED, Map.of("code", mint(Map.of("phoneNumber", "1380013800" + i))))
                    .then().statusCode(200);
        }
        String realtime = mint(Map.of("phoneNumber", "13800138009", "component", "realtime"));
        lookup(second, COUNTED, Map.of("code", realtime, "component", "realtime")).then().statusCode(200);
        lookup(first, COUNTED, Map.of("code", realtime, "component", "realtime")).then().statusCode(200); // a retry: saved

        Map<String, Object> quick = awaitRow(COUNTED, "quick", 3, 0);
        assertThat(((Number) quick.get("cost")).doubleValue()).isCloseTo(0.09, org.assertj.core.data.Offset.offset(1e-6));
        Map<String, Object> real = awaitRow(COUNTED, "realtime", 1, 1);
        assertThat(((Number) real.get("savedCost")).doubleValue()).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-6));

        String csv = given().baseUri(second.url()).auth().oauth2(key(ADMIN)).accept("text/csv")
                .queryParam("caller", COUNTED).get("/usage").then().statusCode(200).extract().asString();
        answers.add(csv);
        assertThat(csv.lines()).contains("day,app,app_id,caller,component,paid,cost_cny,saved,saved_cny")
                .anySatisfy(line -> assertThat(line)
                        .endsWith(",demo," + Simulator.DEMO_APP_ID + "," + COUNTED + ",quick,3,0.09,0,0.00"));
    }

    @Test
    void thePepperAndFullNumbersOfHashedCallersAppearNowhere() {
        lookup(first, HASHED, Map.of("code", mint(Map.of("phoneNumber", "13700137000")))).then().statusCode(200);
        lookup(second, HASHED, Map.of("code", mint(Map.of("phoneNumber", "13700137000")))).then().statusCode(200);
        for (GatewayProcess replica : List.of(first, second)) {
            String metrics = given().baseUri(replica.url()).accept("text/plain").get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            assertThat(metrics).doesNotContain(PEPPER).contains("phone_gateway_paid_lookups_total{app=\"demo\",caller=\""
                    + HASHED + "\",component=\"quick\"");
            assertThat(replica.log()).doesNotContain(PEPPER).doesNotContain("13700137000");
            answers.add(given().baseUri(replica.url()).get("/q/health/ready").asString());
        }
        assertThat(answers).noneMatch(answer -> answer.contains(PEPPER));
    }

    @Test
    void aHashedCallerWithoutPepperIsRefusedAtStartNamingTheProperty() throws InterruptedException {
        Map<String, String> p = replica(RedisServerResource.startShared(), "http://localhost:{port}/simulator");
        p.remove("phone-gateway.auth.phone-hash-pepper");
        try (GatewayProcess refused = GatewayProcess.launch("scopes-no-pepper", p, Map.of())) {
            assertThat(refused.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(refused.log()).contains("phone-gateway.auth.phone-hash-pepper is required while "
                    + "phone-gateway.auth.scopes." + HASHED + ".phone-output=hashed");
        }
    }

    /** The row of {@code caller} and {@code component} today, once its counts reached these (counting is async). */
    private static Map<String, Object> awaitRow(String caller, String component, int paid, int saved) {
        Instant end = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            Response response = usage(second, ADMIN, Map.of("caller", caller));
            answers.add(response.asString());
            List<Map<String, Object>> rows = response.then().statusCode(200).extract().path("rows");
            for (Map<String, Object> row : rows) {
                if (component.equals(row.get("component")) && "demo".equals(row.get("app"))
                        && ((Number) row.get("paid")).intValue() >= paid && ((Number) row.get("saved")).intValue() >= saved) {
                    assertThat(row.get("paid")).isEqualTo(paid);
                    assertThat(row.get("saved")).isEqualTo(saved);
                    return row;
                }
            }
            assertThat(Instant.now()).as("usage of " + caller + " " + component + ": " + rows).isBefore(end);
            sleep();
        }
    }

    private static Response lookup(GatewayProcess replica, String client, Map<String, Object> body) {
        Response response = given().baseUri(replica.url()).auth().oauth2(key(client)).contentType(ContentType.JSON)
                .body(body).post("/phone");
        answers.add(response.asString());
        return response;
    }

    private static Response usage(GatewayProcess replica, String client, Map<String, String> query) {
        return given().baseUri(replica.url()).auth().oauth2(key(client)).queryParams(query).get("/usage");
    }

    private static String mint(Map<String, Object> body) {
        return given().baseUri(first.url()).contentType(ContentType.JSON).body(body).post("/simulator/control/codes")
                .then().statusCode(201).extract().path("code");
    }

    private static String hash(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(PEPPER.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
