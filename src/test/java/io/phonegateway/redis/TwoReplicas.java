package io.phonegateway.redis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.testsupport.GatewayProcess;

/**
 * Two packaged gateways on one Redis topology, as a fleet runs: the first also serves the WeChat simulator, which
 * is WeChat for both. Authentication is on with two callers: {@code traffic} (no practical limit) and a
 * {@code limited} one of {@value #LIMIT} requests per hour, counted fleet-wide in Redis.
 */
final class TwoReplicas implements AutoCloseable {

    static final int LIMIT = 4;
    static final String TRAFFIC_KEY = "traffic-key-aaaaaaaaaaaaaaaaaaaaaa";
    static final String LIMITED_KEY = "limited-key-bbbbbbbbbbbbbbbbbbbbbb";
    /** Unique per run, so a count left in a long-lived Redis never leaks into the next run. */
    private static final String LIMITED = "limited" + ThreadLocalRandom.current().nextInt(1_000_000);
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    final GatewayProcess first;
    final GatewayProcess second;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TwoReplicas(GatewayProcess first, GatewayProcess second) {
        this.first = first;
        this.second = second;
    }

    /** Starts both replicas with {@code redis}' properties (hosts, client type, TLS ...) on top of the fleet's own. */
    static TwoReplicas start(String name, Map<String, String> redis) {
        GatewayProcess first = GatewayProcess.start(name + "-1", properties(redis, null));
        try {
            GatewayProcess second = GatewayProcess.start(name + "-2", properties(redis, first.url() + "/simulator"));
            return new TwoReplicas(first, second);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    static Map<String, String> properties(Map<String, String> redis, String wechat) {
        Map<String, String> p = GatewayProcess.selfContained();
        p.put("phone-gateway.token.store", "redis");
        p.put("phone-gateway.auth.enabled", "true");
        p.put("phone-gateway.auth.api-keys.traffic", TRAFFIC_KEY);
        p.put("phone-gateway.auth.api-keys." + LIMITED, LIMITED_KEY);
        p.put("phone-gateway.rate-limit.enabled", "true");
        p.put("phone-gateway.rate-limit.store", "redis");
        p.put("phone-gateway.rate-limit.callers.traffic.requests", "1000000");
        p.put("phone-gateway.rate-limit.callers.traffic.burst", "1000000");
        p.put("phone-gateway.rate-limit.callers." + LIMITED + ".requests", Integer.toString(LIMIT));
        p.put("phone-gateway.rate-limit.callers." + LIMITED + ".period", "1h");
        p.put("phone-gateway.rate-limit.callers." + LIMITED + ".burst", Integer.toString(LIMIT));
        // two cold JVMs on a small, busy CI machine: the subjects are counts and recovery, not latency
        p.put("phone-gateway.token.redis-timeout", "2s");
        p.put("phone-gateway.rate-limit.redis-timeout", "2s");
        p.put("phone-gateway.lookup.deadline", "30s");
        if (wechat == null) {
            p.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        } else {
            p.remove("phone-gateway.simulator.enabled");
            p.put("quarkus.rest-client.wechat.url", wechat);
        }
        p.putAll(redis);
        return p;
    }

    List<GatewayProcess> both() {
        return List.of(first, second);
    }

    /** A fresh single-use code of the demo app, minted at the simulator. */
    String mint(String phoneNumber) {
        return mint(first, phoneNumber);
    }

    /** A fresh code minted at the simulator {@code simulator} serves. */
    static String mint(GatewayProcess simulator, String phoneNumber) {
        String body = send(simulator, "POST", "/simulator/control/codes", "{\"phoneNumber\":\"" + phoneNumber + "\"}", null,
                Duration.ofSeconds(10)).body();
        Matcher m = CODE.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no code in " + body);
        }
        return m.group(1);
    }

    /** {@code POST /phone} as the {@code traffic} caller; status 0 when no answer came within {@code timeout}. */
    HttpResponse<String> lookup(GatewayProcess replica, String code, Duration timeout) {
        return lookup(replica, code, TRAFFIC_KEY, timeout);
    }

    HttpResponse<String> lookup(GatewayProcess replica, String code, String apiKey, Duration timeout) {
        return send(replica, "POST", "/phone", "{\"code\":\"" + code + "\"}", apiKey, timeout);
    }

    HttpResponse<String> get(GatewayProcess replica, String path) {
        return send(replica, "GET", path, null, null, Duration.ofSeconds(10));
    }

    void resetSimulator() {
        send(first, "POST", "/simulator/control/reset", "", null, Duration.ofSeconds(10));
    }

    /** A counter of the simulator's stats: {@code calls.stable_token}, {@code phoneSuccesses} ... */
    long stat(String path) {
        String stats = get(first, "/simulator/control/stats").body();
        try {
            JsonNode node = JSON.readTree(stats).at("/" + path.replace('.', '/'));
            if (!node.isNumber()) {
                throw new IllegalStateException("no " + path + " in " + stats);
            }
            return node.asLong();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stats " + stats, e);
        }
    }

    static HttpResponse<String> send(GatewayProcess replica, String method, String path, String body, String apiKey,
            Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new NoAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        second.close();
        first.close();
    }

    /** A request that got no HTTP answer (timeout, refused): status 0, the failure as body. */
    private record NoAnswer(IOException failure) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return 0;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return failure.toString();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
