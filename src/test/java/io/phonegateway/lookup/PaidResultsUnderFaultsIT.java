package io.phonegateway.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RedisServerResource;
import io.restassured.http.ContentType;

/**
 * Nothing lost under faults (issue 12), on packaged replicas as an operator runs them: one Redis, the WeChat
 * simulator as a process of its own, and replicas with a short deadline (2 s) so that a slow WeChat (3 s) outlives
 * it. A caller retries every non-200 once, after 1 s, on another replica, as a load balancer and a careful caller
 * do. The ledger of each run: codes WeChat answered with a number (the simulator counts them) against codes that
 * ended with a 200; their difference is the paid results lost, and it must be 0.
 */
class PaidResultsUnderFaultsIT {

    private static final String PHONE = "getuserphonenumber";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static GatewayProcess wechat;
    private static final List<GatewayProcess> replicas = new CopyOnWriteArrayList<>();
    private static String redis;

    @BeforeAll
    static void startFleet() {
        redis = RedisServerResource.startEmpty();
        Map<String, String> simulator = GatewayProcess.selfContained();
        simulator.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        wechat = GatewayProcess.start("faults-wechat", simulator);
        for (int i = 1; i <= 3; i++) {
            replicas.add(GatewayProcess.start("faults-replica-" + i, replica()));
        }
    }

    @AfterAll
    static void stopFleet() {
        replicas.forEach(GatewayProcess::close);
        if (wechat != null) {
            wechat.close();
        }
    }

    @BeforeEach
    void quietWechat() {
        given().baseUri(wechat.url()).delete("/simulator/control/faults").then().statusCode(204);
        given().baseUri(wechat.url()).post("/simulator/control/stats/reset").then().statusCode(204);
    }

    private static Map<String, String> replica() {
        Map<String, String> p = GatewayProcess.fleetReplica(redis, wechat.url() + "/simulator");
        p.put("phone-gateway.lookup.deadline", "2s"); // shorter than the slow WeChat below
        // a breaker that a handful of failures opens, for the test that needs one open
        p.put("phone-gateway.lookup.breaker.request-volume-threshold", "4");
        return p;
    }

    @Test
    void aLookupThatOutlivesItsDeadlineAnswersTheRetryOnAnotherReplica() throws Exception {
        String code = mint("13800138001");
        fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 3500));

        given().baseUri(replicas.get(0).url()).contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone")
                .then().statusCode(504).header("Retry-After", "1").body("code", equalTo("UPSTREAM_TIMEOUT"))
                .body("detail", org.hamcrest.Matchers.containsString("retry the same code"));
        Thread.sleep(RETRY_AFTER.toMillis());
        given().baseUri(replicas.get(1).url()).contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone")
                .then().statusCode(200).body("purePhoneNumber", equalTo("13800138001"));

        assertThat(wechatCalls()).as("WeChat calls for the code").isEqualTo(1);
    }

    @Test
    void theStoredResultAnswersTheRetryThoughTheBreakerIsOpen() throws Exception {
        GatewayProcess first = replicas.get(0);
        GatewayProcess second = replicas.get(1);
        String code = mint("13800138002");
        fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 3000));
        CompletableFuture<Integer> firstAttempt = CompletableFuture.supplyAsync(() -> given().baseUri(first.url())
                .contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").statusCode());
        while (wechatCalls() < 1) {
            Thread.sleep(20);
        }
        fault(Map.of("api", PHONE, "type", "http-status", "httpStatus", 503, "times", -1));
        for (int i = 0; i < 6 && !breakerOpen(second); i++) {
            given().baseUri(second.url()).contentType(ContentType.JSON).body(Map.of("code", mint("13900139000")))
                    .post("/phone").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(502), equalTo(503)));
        }
        assertThat(breakerOpen(second)).as("the second replica's phone breaker is open").isTrue();
        assertThat(firstAttempt.get(30, TimeUnit.SECONDS)).isEqualTo(504);

        given().baseUri(second.url()).contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone")
                .then().statusCode(200).body("purePhoneNumber", equalTo("13800138002"));
    }

    @Test
    void aReplicaRestartedUnderPacedLoadLosesNoPaidResult() throws Exception {
        Ledger ledger = new Ledger(mintMany(250));
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        try {
            CompletableFuture<Void> load = ledger.drive(clock, Duration.ofMillis(60)); // 17 lookups/s
            Thread.sleep(3_000);
            GatewayProcess restarted = replicas.remove(2); // out of the balancer's rotation, then SIGTERM
            restarted.close();
            replicas.add(GatewayProcess.start("faults-replica-3-restarted", replica())); // back in once ready
            load.get(120, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
        }
        ledger.report("replica restarted under load");
        assertThat(ledger.lost()).as("paid results lost").isZero();
    }

    @Test
    void aSlowWechatUnderPacedLoadLosesNoPaidResult() throws Exception {
        Ledger ledger = new Ledger(mintMany(250));
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        try {
            CompletableFuture<Void> load = ledger.drive(clock, Duration.ofMillis(60));
            Thread.sleep(1_000);
            fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 3000, "times", -1)); // past the 2 s deadline
            Thread.sleep(5_000);
            given().baseUri(wechat.url()).delete("/simulator/control/faults").then().statusCode(204);
            load.get(120, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
        }
        ledger.report("WeChat 3 s slower for 5 s");
        assertThat(ledger.firstAttemptTimeouts()).as("the slow period made first attempts time out").isPositive();
        assertThat(ledger.lost()).as("paid results lost").isZero();
    }

    /**
     * Paced lookups of fresh codes over the replicas in rotation, each non-200 retried once after 1 s on the next
     * replica; what each code ended with, against what WeChat answered.
     */
    private static final class Ledger {
        private final List<String> codes;
        private final Map<String, Integer> endedWith = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicInteger> firstAttempts = new ConcurrentHashMap<>();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicInteger next = new AtomicInteger();

        Ledger(List<String> codes) {
            this.codes = codes;
        }

        CompletableFuture<Void> drive(ScheduledExecutorService clock, Duration every) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                all.add(done);
                clock.schedule(() -> attempt(code).thenAccept(status -> {
                    firstAttempts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 200) {
                        endedWith.put(code, status);
                        done.complete(null);
                    } else {
                        clock.schedule(() -> attempt(code).thenAccept(retried -> {
                            endedWith.put(code, retried);
                            done.complete(null);
                        }), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }), i * every.toMillis(), TimeUnit.MILLISECONDS);
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }

        /** One attempt on the next replica in rotation; a refused connection counts as a 503. */
        private CompletableFuture<Integer> attempt(String code) {
            List<GatewayProcess> rotation = List.copyOf(replicas);
            GatewayProcess replica = rotation.get(Math.floorMod(next.getAndIncrement(), rotation.size()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(replica.url() + "/phone"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                    .exceptionally(failure -> 503);
        }

        long endedWith200() {
            return endedWith.values().stream().filter(status -> status == 200).count();
        }

        int firstAttemptTimeouts() {
            AtomicInteger timeouts = firstAttempts.get(504);
            return timeouts == null ? 0 : timeouts.get();
        }

        long lost() {
            return paid() - endedWith200();
        }

        private static long paid() {
            return ((Number) given().baseUri(wechat.url()).get("/simulator/control/stats").then().statusCode(200)
                    .extract().path("phoneSuccesses")).longValue();
        }

        void report(String scenario) {
            Map<Integer, Long> ended = new java.util.TreeMap<>();
            endedWith.values().forEach(status -> ended.merge(status, 1L, Long::sum));
            System.out.printf("[faults] %s: %d lookups; first attempts by status %s; ended by status %s;"
                    + " WeChat answered %d codes with a number, %d ended with 200: %d paid results lost%n", scenario,
                    codes.size(), new java.util.TreeMap<>(firstAttempts), ended, paid(), endedWith200(), lost());
        }
    }

    private static List<String> mintMany(int n) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(mint(String.format("137%08d", i)));
        }
        return codes;
    }

    private static String mint(String phoneNumber) {
        return given().baseUri(wechat.url()).contentType(ContentType.JSON).body(Map.of("phoneNumber", phoneNumber))
                .post("/simulator/control/codes").then().statusCode(201).extract().path("code");
    }

    private static void fault(Map<String, Object> fault) {
        given().baseUri(wechat.url()).contentType(ContentType.JSON).body(fault).post("/simulator/control/faults")
                .then().statusCode(204);
    }

    private static int wechatCalls() {
        return given().baseUri(wechat.url()).get("/simulator/control/stats").then().statusCode(200)
                .extract().path("calls." + PHONE);
    }

    private static boolean breakerOpen(GatewayProcess replica) {
        String metrics = given().baseUri(replica.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().anyMatch(line -> line.startsWith("phone_gateway_circuit_breaker_state{")
                && line.contains("breaker=\"wechat-phone\"") && line.contains("state=\"open\"") && line.endsWith(" 1.0"));
    }
}
