package io.phonegateway.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A real Redis for the test suite: the Redis 7 server shipped in {@code org.signal:embedded-redis}, on a free
 * port, or the server at {@code REDIS_URL} when that variable is set. Tests of Redis outages can stop and
 * start the embedded server ({@link #stopServer()}, {@link #restart()}).
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private static RedisServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", startShared());
    }

    /** The URL of the suite's Redis, starting it if needed (also for tests of the packaged jar). */
    public static synchronized String startShared() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (server == null) {
            port = GatewayProcess.freePort();
            server = RedisServer.builder().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            start(server);
            Runtime.getRuntime().addShutdownHook(new Thread(RedisServerResource::stopServer));
        }
        return "redis://127.0.0.1:" + port;
    }

    /**
     * The suite's Redis, emptied: for a fleet of packaged replicas with a simulator of its own, which must not find
     * tokens (or results, counts, limits) an earlier test's simulator issued for the same appid in the shared Redis.
     */
    public static synchronized String startEmpty() {
        String url = startShared();
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (!"+OK".equals(reply)) {
                throw new IllegalStateException("FLUSHALL answered " + reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url;
    }

    /** True when the suite runs its own Redis and may stop it. */
    public static boolean embedded() {
        return server != null;
    }

    public static synchronized void stopServer() {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    /** Starts the embedded server again after {@link #stopServer()}; does nothing while it runs. */
    public static synchronized void restart() {
        if (server != null && !server.isActive()) {
            start(server);
        }
    }

    private static void start(RedisServer redis) {
        redis.start();
    }

    @Override
    public void stop() {
        // the server lives for the whole JVM (shutdown hook), so every test class shares it
    }
}
