package io.phonegateway.testsupport;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as its own OS process, as users run it: {@code java -jar target/quarkus-app/quarkus-run.jar}
 * (or the native executable, when {@code -Dnative} built one) on a free port, with {@code -D} properties and
 * environment variables. Its output goes to a file under {@code target/} that tests may read.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private GatewayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A valid {@code phone-gateway.result-cache.key} for tests: base64 of 32 bytes (never a production key). */
    public static final String TEST_RESULT_CACHE_KEY = "cGhvbmUtZ2F0ZXdheS10ZXN0LW9ubHkta2V5LTMyYiE=";

    /**
     * Settings a production start needs, for a gateway served by its own simulator: one app, no auth, no rate limits,
     * tokens kept in the process (no Redis).
     */
    public static Map<String, String> selfContained() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("phone-gateway.apps.demo.app-id", Simulator.DEMO_APP_ID);
        p.put("phone-gateway.apps.demo.app-secret", "it-secret-of-demo");
        p.put("phone-gateway.auth.enabled", "false");
        p.put("phone-gateway.token.store", "local");
        p.put("phone-gateway.rate-limit.enabled", "false"); // measured lookups; CallerSecurityIT turns it on
        p.put("phone-gateway.rate-limit.store", "local");
        p.put("phone-gateway.result-cache.key", TEST_RESULT_CACHE_KEY);
        p.put("phone-gateway.simulator.enabled", "true");
        return p;
    }

    /**
     * A replica of a fleet on the shared {@code redis}; the first one ({@code wechat == null}) serves the simulator,
     * which is WeChat for the fleet at {@code wechat}. Cold JVMs on a small, busy CI machine: Redis and the lookup get
     * time, the subject of a fleet test is what happens fleet-wide, not latency.
     */
    public static Map<String, String> fleetReplica(String redis, String wechat) {
        Map<String, String> props = selfContained();
        props.put("phone-gateway.token.store", "redis");
        props.put("quarkus.redis.hosts", redis);
        props.put("phone-gateway.token.redis-timeout", "3s");
        props.put("phone-gateway.lookup.deadline", "30s");
        if (wechat == null) {
            props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        } else {
            props.remove("phone-gateway.simulator.enabled");
            props.put("quarkus.rest-client.wechat.url", wechat);
        }
        return props;
    }

    public static GatewayProcess start(String name, Map<String, String> properties) {
        return start(name, properties, Map.of());
    }

    /** Starts and waits until ready; properties and variables may use {@code {port}} for the process's own port. */
    public static GatewayProcess start(String name, Map<String, String> properties, Map<String, String> environment) {
        GatewayProcess gateway = launch(name, properties, environment);
        gateway.awaitReady(Duration.ofSeconds(60));
        return gateway;
    }

    /** Starts without waiting: for tests of startup refusal. */
    public static GatewayProcess launch(String name, Map<String, String> properties, Map<String, String> environment) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        Path nativeRunner = nativeRunner();
        if (nativeRunner != null) {
            command.add(nativeRunner.toAbsolutePath().toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.add("-Dquarkus.http.port=" + port);
        if (!properties.containsKey("quarkus.shutdown.delay")) {
            // the production drain delay would add 5 s to every close(); GracefulShutdownIT tests it as configured
            command.add("-Dquarkus.shutdown.delay=0s");
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v.replace("{port}", Integer.toString(port))));
        if (nativeRunner == null) {
            command.add("-jar");
            command.add(JAR.toAbsolutePath().toString());
        }
        try {
            Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            environment.forEach((k, v) -> builder.environment().put(k, v.replace("{port}", Integer.toString(port))));
            return new GatewayProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        }
    }

    /**
     * The native executable when the build made one ({@code -Dnative} sets {@code gateway.artifact=native} for
     * failsafe), else null for the jar. A missing artifact fails the test rather than silently testing the other.
     */
    private static Path nativeRunner() {
        if (!"native".equals(System.getProperty("gateway.artifact"))) {
            if (!Files.exists(JAR)) {
                throw new IllegalStateException(JAR + " is missing: run the tests through ./mvnw verify");
            }
            return null;
        }
        Path runner = Path.of(System.getProperty("native.image.path", "target/phone-gateway-1.0.0-SNAPSHOT-runner"));
        if (!Files.isExecutable(runner)) {
            throw new IllegalStateException(runner + " is missing: -Dnative builds it in the package phase");
        }
        return runner;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end by itself (a refused start) and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException("gateway not ready within " + timeout + ":\n" + log());
    }

    /** SIGTERM, then wait for a graceful exit; SIGKILL only if it does not come. */
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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
