package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.restassured.http.ContentType;

/**
 * SIGTERM during lookups, as Kubernetes sends it on a rollout: readiness goes DOWN first, new requests are refused
 * once the drain delay is over, and every lookup already in flight (WeChat has charged for it) still gets its 200.
 */
class GracefulShutdownIT {

    private static final int IN_FLIGHT = 6;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void finishesLookupsInFlightAndTurnsUnreadyFirst() throws Exception {
        Map<String, String> props = GatewayProcess.selfContained();
        props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        props.put("quarkus.shutdown.delay", "1s");
        props.put("quarkus.shutdown.timeout", "15s");
        GatewayProcess gateway = GatewayProcess.start("graceful-shutdown", props);
        try {
            lookup(gateway, mintCode(gateway)).join(); // a token is held: the slow calls below are the phone calls
            given().baseUri(gateway.url()).contentType(ContentType.JSON)
                    .body(Map.of("api", "getuserphonenumber", "type", "delay", "delayMillis", 3000, "times", IN_FLIGHT))
                    .post("/simulator/control/faults").then().statusCode(204);
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                codes.add(mintCode(gateway));
            }

            List<CompletableFuture<HttpResponse<String>>> inFlight = codes.stream().map(code -> lookup(gateway, code)).toList();
            awaitPhoneCalls(gateway, 1 + IN_FLIGHT); // every code has reached WeChat: each answer is paid for
            gateway.process().destroy(); // SIGTERM

            assertThat(firstStatusOf(gateway, "/q/health/ready", 200)).as("readiness after SIGTERM").isEqualTo(503);
            assertThat(firstStatusOf(gateway, "/q/health/live", 200)).as("a new request once draining").isIn(503, -1);
            for (CompletableFuture<HttpResponse<String>> lookup : inFlight) {
                HttpResponse<String> answer = lookup.get(30, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"e164\":\"+8613800138000\"");
            }
            assertThat(gateway.process().waitFor(30, TimeUnit.SECONDS)).as("exited within the grace period").isTrue();
            assertThat(gateway.log()).doesNotContain("Timed out waiting for graceful shutdown");
        } finally {
            gateway.close();
        }
    }

    private static String mintCode(GatewayProcess gateway) {
        return given().baseUri(gateway.url()).contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", "13800138000", "countryCode", "86"))
                .post("/simulator/control/codes").then().statusCode(201).extract().path("code");
    }

    private CompletableFuture<HttpResponse<String>> lookup(GatewayProcess gateway, String code) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/phone"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}")).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitPhoneCalls(GatewayProcess gateway, int calls) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Integer seen = given().baseUri(gateway.url()).get("/simulator/control/stats").then().statusCode(200)
                    .extract().path("calls.getuserphonenumber");
            if (seen != null && seen >= calls) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the lookups never reached the simulator:\n" + gateway.log());
    }

    /** Polls {@code path} until it answers other than {@code usual}; -1 when the port no longer answers at all. */
    private int firstStatusOf(GatewayProcess gateway, String path, int usual) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != usual) {
                    return status;
                }
            } catch (IOException e) {
                return -1;
            }
            Thread.sleep(20);
        }
        return usual;
    }
}
