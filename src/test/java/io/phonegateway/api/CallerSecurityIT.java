package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RawHttp;
import io.phonegateway.testsupport.RedisServerResource;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Caller authentication, per-caller rate limits and the per-address limit of failed authentications on the packaged service, in
 * the production profile (where
 * authentication is on): two replicas share one Redis; a third talks to a Redis that never answers.
 */
class CallerSecurityIT {

    private static final String OLD_KEY = "orders-key-2025-aaaaaaaaaaaaaaaa";
    private static final String NEW_KEY = "orders-key-2026-bbbbbbbbbbbbbbbb";
    private static final String BILLING_KEY = "billing-key-cccccccccccccccccccc";
    private static final String LIMITED_KEY = "limited-key-dddddddddddddddddddd";
    private static final String VARIANT_KEY = "variant-key-eeeeeeeeeeeeeeeeeeee";
    private static final String APP_SECRET = "it-secret-of-demo";
    /** Unique per run: the rate count lives in Redis, which may outlive a run when REDIS_URL is given. */
    private static final String LIMITED = "limited" + ThreadLocalRandom.current().nextInt(1_000_000);
    private static final int LIMIT = 4;
    /** Failed authentications per address: more than the other tests make from 127.0.0.1 together. */
    private static final int FAILURES = 40;
    /** Calls on path variants of /phone only, with a limit of their own. */
    private static final String VARIANT = "variant" + ThreadLocalRandom.current().nextInt(1_000_000);
    private static final List<String> VARIANT_PATHS = List.of("/phone/", "/phone/.", "/phone;x=1");

    private static GatewayProcess first;
    private static GatewayProcess second;

    @BeforeAll
    static void startTwoReplicas() {
        String redis = RedisServerResource.startShared();
        first = GatewayProcess.start("security-replica-1", replica(redis));
        second = GatewayProcess.start("security-replica-2", replica(redis));
        // a cold replica's first lookup (token fetch, first WeChat call, JIT) may pass the deadline on a busy
        // machine; these tests are about callers, not cold starts: warm each replica once, whatever it answers
        lookup(first, BILLING_KEY);
        lookup(second, BILLING_KEY);
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

    static Map<String, String> replica(String redis) {
        Map<String, String> p = GatewayProcess.selfContained();
        p.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        p.put("phone-gateway.auth.enabled", "true");
        p.put("phone-gateway.auth.api-keys.orders", OLD_KEY + "," + NEW_KEY);
        p.put("phone-gateway.auth.api-keys.billing", BILLING_KEY);
        p.put("phone-gateway.auth.api-keys." + LIMITED, LIMITED_KEY);
        p.put("phone-gateway.rate-limit.enabled", "true");
        p.put("phone-gateway.rate-limit.store", "redis");
        p.put("phone-gateway.rate-limit.callers." + LIMITED + ".requests", Integer.toString(LIMIT));
        p.put("phone-gateway.rate-limit.callers." + LIMITED + ".period", "1h");
        p.put("phone-gateway.rate-limit.callers." + LIMITED + ".burst", Integer.toString(LIMIT));
        p.put("phone-gateway.auth.api-keys." + VARIANT, VARIANT_KEY);
        p.put("phone-gateway.rate-limit.callers." + VARIANT + ".requests", Integer.toString(VARIANT_PATHS.size()));
        p.put("phone-gateway.rate-limit.callers." + VARIANT + ".period", "1h");
        p.put("phone-gateway.rate-limit.callers." + VARIANT + ".burst", Integer.toString(VARIANT_PATHS.size()));
        p.put("phone-gateway.auth.failure-limit.requests", Integer.toString(FAILURES));
        p.put("phone-gateway.auth.failure-limit.period", "1h");
        p.put("phone-gateway.auth.failure-limit.burst", Integer.toString(FAILURES)); // the other tests fail fewer times
        p.put("quarkus.redis.hosts", redis);
        return p;
    }

    @Test
    void failedAuthenticationsAreLimitedPerAddressAcrossReplicasAndARightKeyStillPasses() throws Exception {
        String address = "127.0.0." + ThreadLocalRandom.current().nextInt(2, 255); // a client of its own, fresh per run
        for (int i = 0; i < FAILURES; i++) {
            assertThat(lookupFrom(address, i % 2 == 0 ? first : second, "wrong-key-" + i).status()).as("failure " + i)
                    .isEqualTo(401);
        }
        for (GatewayProcess replica : List.of(first, second)) {
            RawHttp.Answer refused = lookupFrom(address, replica, "wrong-key");
            assertThat(refused.status()).as("past the limit, on either replica").isEqualTo(429);
            assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"").contains("failed authentications");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
            assertThat(lookupFrom(address, replica, NEW_KEY).status()).as("a right key from that address").isEqualTo(422);
        }
        assertThat(lookupFrom("127.0.0.1", first, "wrong-key").status()).as("another address").isEqualTo(401);
    }

    private static RawHttp.Answer lookupFrom(String address, GatewayProcess replica, String key) throws IOException {
        byte[] body = "{\"code\":\"code-unknown-to-wechat\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST /phone HTTP/1.1\nHost: t\nContent-Type: application/json\nConnection: close\n"
                + "Content-Length: " + body.length + "\nAuthorization: Bearer " + key;
        return RawHttp.exchangeFrom(address, replica.port(), RawHttp.request(head, body), java.time.Duration.ofSeconds(20));
    }

    @Test
    void aRequestWithoutAKeyIsRefused() {
        lookup(first, null).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void aWrongOrMalformedKeyIsRefused() {
        for (String authorization : List.of("Bearer wrong-key", "Bearer " + NEW_KEY + "x", "Bearer " + NEW_KEY.substring(1),
                "Basic " + NEW_KEY, "Bearer", "Bearer ", NEW_KEY, "Bearer " + NEW_KEY.toUpperCase())) {
            given().baseUri(first.url()).header("Authorization", authorization).contentType("application/json")
                    .body("{\"code\":\"abc\"}").post("/phone")
                    .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        }
    }

    @Test
    void bothKeysOfARotationAreAcceptedAndEachClientHasItsOwn() {
        for (String key : List.of(OLD_KEY, NEW_KEY, BILLING_KEY)) {
            // past authentication, the lookup reaches WeChat (the simulator), which knows no such code
            lookup(first, key).then().statusCode(422).body("code", equalTo("INVALID_CODE"));
            given().baseUri(first.url()).header("Authorization", "bearer " + key).contentType("application/json")
                    .body("{\"code\":\"abc\"}").post("/phone").then().statusCode(422);
        }
    }

    @Test
    void everyPathToTheLookupIsAuthenticatedAndLimitedLikePhone() throws Exception {
        for (String path : VARIANT_PATHS) {
            RawHttp.Answer anonymous = rawLookup(path, null);
            assertThat(anonymous.status()).as(path + " without a key").isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(anonymous.body()).contains("\"code\":\"UNAUTHORIZED\"");
        }
        for (String path : VARIANT_PATHS) {
            assertThat(rawLookup(path, VARIANT_KEY).status()).as(path + " with a key reaches WeChat").isEqualTo(422);
        }
        RawHttp.Answer over = rawLookup(VARIANT_PATHS.get(0), VARIANT_KEY);
        assertThat(over.status()).as("the variants share the caller's one limit").isEqualTo(429);
        assertThat(over.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(Integer.parseInt(over.header("Retry-After"))).isPositive();
    }

    private static RawHttp.Answer rawLookup(String path, String key) throws IOException {
        byte[] body = "{\"code\":\"code-unknown-to-wechat\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\nHost: t\nContent-Type: application/json\nConnection: close\n"
                + "Content-Length: " + body.length + (key == null ? "" : "\nAuthorization: Bearer " + key);
        return RawHttp.exchange(first.port(), RawHttp.request(head, body), java.time.Duration.ofSeconds(20));
    }

    @Test
    void operationsEndpointsStayOpenAndShowNoSecret() {
        String health = given().baseUri(first.url()).get("/q/health").then().statusCode(200).extract().asString();
        String metrics = given().baseUri(first.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        String refusal = lookup(first, "Bearer nope").asString();
        for (String text : List.of(health, metrics, refusal, first.log())) {
            assertThat(text).doesNotContain(OLD_KEY).doesNotContain(NEW_KEY).doesNotContain(BILLING_KEY)
                    .doesNotContain(LIMITED_KEY).doesNotContain(APP_SECRET)
                    .doesNotContain(GatewayProcess.TEST_RESULT_CACHE_KEY);
        }
    }

    @Test
    void aCallersLimitIsSharedByTheReplicas() {
        int wechatCallsBefore = wechatCalls(first) + wechatCalls(second);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            statuses.add(lookup(i % 2 == 0 ? first : second, LIMITED_KEY).statusCode());
        }
        assertThat(statuses).as("within the limit, spread over both replicas").containsOnly(422);

        for (GatewayProcess replica : List.of(first, second)) {
            Response refused = lookup(replica, LIMITED_KEY);
            refused.then().statusCode(429).contentType(Problem.MEDIA_TYPE).body("code", equalTo("RATE_LIMITED"));
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        }
        assertThat(wechatCalls(first) + wechatCalls(second) - wechatCallsBefore)
                .as("refused requests never reach WeChat").isEqualTo(LIMIT);

        lookup(second, BILLING_KEY).then().statusCode(422); // other callers are not held back
    }

    @Test
    void withRedisSilentEachReplicaLimitsAloneAndNothingHangs() throws Exception {
        try (SilentServer silentRedis = new SilentServer();
                GatewayProcess alone = GatewayProcess.start("security-silent-redis",
                        replica("redis://127.0.0.1:" + silentRedis.port()))) {
            RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.socket.timeout", 30_000)); // a hang would fail, not block the build
            try {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < LIMIT; i++) {
                    statuses.add(lookup(alone, LIMITED_KEY).statusCode());
                }
                assertThat(statuses).containsOnly(422);
                lookup(alone, LIMITED_KEY).then().statusCode(429).body("code", equalTo("RATE_LIMITED"));
                assertThat(alone.log()).contains("each replica applies the rate limits on its own");
            } finally {
                RestAssured.reset();
            }
        }
    }

    private static Response lookup(GatewayProcess gateway, String key) {
        RequestSpecification request = given().baseUri(gateway.url()).contentType("application/json")
                .body("{\"code\":\"code-unknown-to-wechat\"}");
        if (key != null) {
            request.header("Authorization", key.startsWith("Bearer ") ? key : "Bearer " + key);
        }
        return request.post("/phone");
    }

    private static int wechatCalls(GatewayProcess gateway) {
        Integer calls = given().baseUri(gateway.url()).get("/simulator/control/stats").then().statusCode(200)
                .extract().path("calls.getuserphonenumber");
        return calls == null ? 0 : calls;
    }

    /** Accepts connections and never answers: a Redis that hangs. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final List<Socket> held = new ArrayList<>();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket accepted = socket.accept();
                        synchronized (held) {
                            held.add(accepted);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-redis");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
