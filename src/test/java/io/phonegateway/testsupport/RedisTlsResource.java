package io.phonegateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A TLS-only {@code redis-server} ({@code port 0}, {@code tls-port P}) whose certificate is signed by a CA made
 * here with {@code openssl}, for {@code localhost} only (so connecting to {@code 127.0.0.1} shows whether the
 * client verifies host names). The
 * default user is off; the gateway's user is {@link GatewayAclUser}: the least a gateway needs, as docs/redis.md
 * lists it. A second CA that signed
 * nothing here stands for an untrusted certificate.
 */
public final class RedisTlsResource implements AutoCloseable {

    public static final String USER = GatewayAclUser.USER;
    public static final String PASSWORD = GatewayAclUser.PASSWORD;

    private final RedisProcesses redis = new RedisProcesses("tls");
    private int port;

    public static RedisTlsResource start() {
        RedisTlsResource server = new RedisTlsResource();
        try {
            server.create();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void create() {
        Path dir = redis.dir();
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=phone-gateway test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=untrusted test CA",
                "-keyout", "other-ca.key", "-out", "other-ca.pem");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "redis.key",
                "-out", "redis.csr");
        // localhost only: a client that connects to 127.0.0.1 must refuse it, if it verifies host names
        write(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl(dir, "x509", "-req", "-in", "redis.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "redis.pem");
        port = RedisProcesses.freePort();
        write(dir.resolve("redis.conf"), String.join("\n",
                "port 0",
                "tls-port " + port,
                "bind 127.0.0.1 -::1",
                "save \"\"",
                "appendonly no",
                "dir " + dir,
                "tls-cert-file " + dir.resolve("redis.pem"),
                "tls-key-file " + dir.resolve("redis.key"),
                "tls-ca-cert-file " + dir.resolve("ca.pem"),
                "tls-auth-clients no",
                "user default off",
                "user " + String.join(" ", GatewayAclUser.rule(List.of())),
                "user admin on >admin-test-only +@all ~* &*",
                ""));
        redis.cliOptions(List.of("--tls", "--cacert", dir.resolve("ca.pem").toString(), "--user", "admin", "--pass",
                "admin-test-only", "--no-auth-warning"));
        redis.start(port, List.of("redis.conf"), redis::answersPing);
    }

    /** {@code quarkus.redis.hosts} with {@code user:password} at {@code host}: TLS because of {@code rediss}. */
    public String hosts(String host, String password) {
        return "rediss://" + USER + ":" + password + "@" + host + ":" + port;
    }

    /**
     * {@code quarkus.redis.hosts} with the user as a query parameter: the password comes from
     * {@code quarkus.redis.password} (the Redis client ignores a user without password before {@code @}).
     */
    public String hostsWithUserOnly(String host) {
        return "rediss://" + host + ":" + port + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    /** The CA that signed the server's certificate (PEM). */
    public Path trustedCa() {
        return redis.dir().resolve("ca.pem");
    }

    /** A CA that signed nothing the server shows. */
    public Path untrustedCa() {
        return redis.dir().resolve("other-ca.pem");
    }

    /** What the server's ACL log recorded as denied (command or key), for a clear failure message. */
    public String aclLog() {
        return redis.cli(port, "ACL", "LOG");
    }

    public List<String> keys(String pattern) {
        String out = redis.cli(port, "--scan", "--pattern", pattern);
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        RedisProcesses.run(List.of("sh", "-c", "cd '" + dir + "' && " + String.join(" ", command.stream()
                .map(a -> "'" + a + "'").toList())), Duration.ofSeconds(60));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
