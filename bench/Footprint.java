import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Start-to-ready time and resident memory of the packaged service, JVM jar or native executable, idle and after
 * lookups against its own simulator (bench mode: codes need no minting). Prints figures; never fails on them.
 *
 * <pre>
 * ./mvnw -B package -DskipTests && java bench/Footprint.java jar [lookups] [concurrency] [extra args...]
 * ./mvnw -B package -Dnative -DskipTests ... && java bench/Footprint.java native [lookups] [concurrency] [extra args...]
 * </pre>
 */
public class Footprint {

    public static void main(String[] args) throws Exception {
        String artifact = args.length > 0 ? args[0] : "jar";
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        List<String> extra = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
        int port = freePort();

        List<String> command = new ArrayList<>();
        if (artifact.equals("native")) {
            command.add(Path.of("target/phone-gateway-1.0.0-SNAPSHOT-runner").toAbsolutePath().toString());
            command.addAll(extra);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(extra);
        }
        for (String p : List.of("quarkus.http.port=" + port, "quarkus.shutdown.delay=0s",
                "quarkus.rest-client.wechat.url=http://localhost:" + port + "/simulator",
                "phone-gateway.apps.demo.app-id=wx4f4bc4dec97d474b", "phone-gateway.apps.demo.app-secret=bench-secret",
                "phone-gateway.auth.enabled=false", "phone-gateway.token.store=local", "phone-gateway.simulator.enabled=true")) {
            command.add("-D" + p);
        }
        if (!artifact.equals("native")) {
            command.add("-jar");
            command.add(Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        }
        Path log = Files.createDirectories(Path.of("bench/work")).resolve("footprint-" + artifact + ".log");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://localhost:" + port;

        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // a bench value, not a key to use anywhere; one caller's load is the point, not its rate limit
        builder.environment().put("PHONE_GATEWAY_RESULT_CACHE_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        builder.environment().put("PHONE_GATEWAY_RATE_LIMIT_ENABLED", "false");
        Process process = builder.start();
        try {
            while (status(http, base + "/q/health/ready") != 200) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("exited; see " + log);
                }
                Thread.sleep(5);
            }
            double readyMs = (System.nanoTime() - start) / 1e6;
            Thread.sleep(3000);
            long idle = rssKb(process.pid());

            send(http, HttpRequest.newBuilder(URI.create(base + "/simulator/control/bench-mode"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}")));
            Semaphore permits = new Semaphore(concurrency);
            AtomicInteger ok = new AtomicInteger();
            List<CompletableFuture<?>> all = new ArrayList<>();
            long loadStart = System.nanoTime();
            for (int i = 0; i < lookups; i++) {
                permits.acquire();
                HttpRequest lookup = HttpRequest.newBuilder(URI.create(base + "/phone")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"bench-" + i + "\"}")).build();
                all.add(http.sendAsync(lookup, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            if (r != null && r.statusCode() == 200) {
                                ok.incrementAndGet();
                            }
                            permits.release();
                        }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long loaded = rssKb(process.pid());

            System.out.printf("artifact=%s start-to-ready=%.0f ms rss-idle=%d MB lookups=%d ok=%d (%.0f/s at concurrency %d) rss-after=%d MB%n",
                    artifact, readyMs, idle / 1024, lookups, ok.get(), lookups / loadSeconds, concurrency, loaded / 1024);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static int status(HttpClient http, String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("control call answered " + status);
        }
    }

    /** Resident set size of the process, from /proc (Linux). */
    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
