package io.phonegateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The system's {@code redis-server} and {@code redis-cli} as OS processes of one topology (cluster, sentinel,
 * TLS), on free loopback ports, with their files in one temp dir. {@link #close()} (also run by a shutdown hook,
 * for a JVM that dies early) kills every process and deletes the dir. A machine without {@code redis-server}
 * fails the test: CI machines have it, and a topology test that skips itself proves nothing.
 */
public final class RedisProcesses implements AutoCloseable {

    private final Path dir;
    private final Map<Integer, Process> servers = new LinkedHashMap<>();
    private final List<String> cliAuth = new ArrayList<>();
    private final Thread hook = new Thread(this::close);
    private boolean closed;

    public RedisProcesses(String name) {
        requireOnPath("redis-server");
        requireOnPath("redis-cli");
        try {
            dir = Files.createTempDirectory("phone-gateway-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public Path dir() {
        return dir;
    }

    /** Options given to every later {@link #cli} call, e.g. TLS and user for an ACL-protected server. */
    public void cliOptions(List<String> options) {
        cliAuth.clear();
        cliAuth.addAll(options);
    }

    /**
     * Starts {@code redis-server} with {@code args} (a config file first, or options) on {@code port}, logging to
     * {@code redis-PORT.log} in the directory; waits until {@code ready} holds for the server (e.g. a PING answered).
     */
    public synchronized Process start(int port, List<String> args, Predicate<Integer> ready) {
        List<String> command = new ArrayList<>();
        command.add("redis-server");
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
            servers.put(port, process);
            await("redis-server on port " + port + " ready", Duration.ofSeconds(20), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server on port " + port + " exited:\n" + log(port));
                }
                return ready.test(port);
            });
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        }
    }

    /** Plain server options every test server shares: loopback only, no persistence, files in the temp dir. */
    public List<String> baseOptions(int port) {
        return new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString(), "--logfile", ""));
    }

    /** SIGKILL, as a crashed machine: no goodbye to clients or replicas. */
    public synchronized void kill(int port) {
        Process process = servers.remove(port);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String log(int port) {
        try {
            return Files.readString(dir.resolve("redis-" + port + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** {@code redis-cli -p port args...}, its output trimmed; a failing command throws with its output. */
    public String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(cliAuth);
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(60));
    }

    /** {@code redis-cli} with raw arguments (e.g. {@code --cluster create}). */
    public String cliRaw(List<String> args) {
        List<String> command = new ArrayList<>(List.of("redis-cli"));
        command.addAll(cliAuth);
        command.addAll(args);
        return run(command, Duration.ofSeconds(60));
    }

    /** True when the server on {@code port} answers PING with PONG. */
    public boolean answersPing(int port) {
        try {
            return cli(port, "PING").contains("PONG");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            String output = new String(out, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue() + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free port whose cluster bus port (+10000) is free too. */
    public static int freePort() {
        for (int i = 0; i < 100; i++) {
            int port = GatewayProcess.freePort();
            if (port + 10000 < 65536 && isFree(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} every 50 ms until it holds; throws naming {@code what} after {@code timeout}. */
    public static Duration await(String what, Duration timeout, Check check) {
        Instant start = Instant.now();
        Instant end = start.plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(end)) {
            try {
                if (check.holds()) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IllegalStateException e) {
                if (e.getMessage() != null && e.getMessage().contains("exited:")) {
                    throw e;
                }
                last = e;
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("not within " + timeout + ": " + what, last);
    }

    private static void requireOnPath(String program) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, program)));
        if (!found) {
            throw new IllegalStateException(program + " is not on PATH: the Redis topology tests (cluster, sentinel,"
                    + " TLS) run the system's Redis 7 (apt-get install redis-server, or redis-tools + redis-server)");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        servers.values().forEach(Process::destroyForcibly);
        for (Process process : servers.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: the dir is under the system temp dir
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook
        }
    }
}
