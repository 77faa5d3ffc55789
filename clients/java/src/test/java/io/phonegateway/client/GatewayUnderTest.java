package io.phonegateway.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar} of the service, built by its {@code ./mvnw verify})
 * as its own process on a free port, serving its built-in WeChat simulator, which this class drives through the
 * simulator's control API as the service's own ITs do.
 */
final class GatewayUnderTest implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PHONE_CALLS = Pattern.compile("\"getuserphonenumber\"\\s*:\\s*(\\d+)");

    private final Process process;
    private final URI url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayUnderTest(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static GatewayUnderTest start(Map<String, String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("gateway.jar", "../../target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the service first (./mvnw verify at the root)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.shutdown.delay=0s",
                "-Dquarkus.rest-client.wechat.url=http://localhost:" + port + "/simulator",
                "-Dphone-gateway.simulator.enabled=true"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("gateway.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        GatewayUnderTest gateway = new GatewayUnderTest(process, URI.create("http://localhost:" + port), log);
        gateway.awaitReady(Duration.ofSeconds(60));
        return gateway;
    }

    URI url() {
        return url;
    }

    /** A single-use code at the simulator, as a user tapping the button would get. */
    String mintCode(String phoneNumber, String countryCode) {
        String answer = post("/simulator/control/codes",
                "{\"phoneNumber\":\"" + phoneNumber + "\",\"countryCode\":\"" + countryCode + "\"}", 201);
        Matcher m = CODE.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("no code in " + answer);
        }
        return m.group(1);
    }

    /** A wx.login code of user {@code openid} and a phone code of the same user: {@code [loginCode, phoneCode]}. */
    String[] mintLogin(String openid, String phoneNumber) {
        String answer = post("/simulator/control/login-codes",
                "{\"openid\":\"" + openid + "\",\"phoneNumber\":\"" + phoneNumber + "\"}", 201);
        Matcher login = Pattern.compile("\"loginCode\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
        Matcher phone = Pattern.compile("\"phoneCode\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
        if (!login.find() || !phone.find()) {
            throw new IllegalStateException("no codes in " + answer);
        }
        return new String[] { login.group(1), phone.group(1) };
    }

    /** The next {@code times} calls of WeChat's getuserphonenumber answer {@code errcode}. */
    void failPhoneCalls(int errcode, int times) {
        post("/simulator/control/faults", "{\"api\":\"getuserphonenumber\",\"type\":\"errcode\",\"errcode\":" + errcode
                + ",\"times\":" + times + "}", 204);
    }

    /** The next call of getuserphonenumber answers normally, after {@code delay}. */
    void delayNextPhoneCall(Duration delay) {
        post("/simulator/control/faults", "{\"api\":\"getuserphonenumber\",\"type\":\"delay\",\"delayMillis\":" + delay.toMillis()
                + ",\"times\":1}", 204);
    }

    /** How often WeChat's paid getuserphonenumber was called since start. */
    int phoneCalls() {
        Matcher m = PHONE_CALLS.matcher(send(HttpRequest.newBuilder(url.resolve("/simulator/control/stats")).GET(), 200));
        if (!m.find()) {
            throw new IllegalStateException("no getuserphonenumber count in the simulator's stats");
        }
        return Integer.parseInt(m.group(1));
    }

    private String post(String path, String json, int expectedStatus) {
        return send(HttpRequest.newBuilder(url.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), expectedStatus);
    }

    private String send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> answer = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != expectedStatus) {
                throw new IllegalStateException("simulator answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("gateway not ready within " + timeout + ":\n" + log());
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
