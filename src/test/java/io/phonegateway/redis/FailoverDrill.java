package io.phonegateway.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.Simulator;

/**
 * Kills the Redis master that holds the demo app's keys while both replicas serve paced, bounded traffic
 * ({@value #RATE_PER_SECOND} lookups a second, alternating replicas, each with a fresh code, at most
 * {@value #IN_FLIGHT} in flight), and measures what the failover cost: time to promotion, time until every
 * lookup is 200 again, time until results are stored in Redis again, lookups failed meanwhile and paid results
 * lost. A lookup that failed is asked again afterwards with the same code, as a caller would: a result WeChat
 * charged for must come back then (from the result cache), so "paid results lost" counts WeChat successes that
 * no caller ever received.
 */
final class FailoverDrill {

    static final int RATE_PER_SECOND = 10;
    static final int IN_FLIGHT = 8;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(2);
    /** Traffic goes on this long after the promotion, so the recovery is seen on both replicas. */
    private static final Duration AFTER_PROMOTION = Duration.ofSeconds(6);
    /** Longest drill after the kill: a failover not done by then fails the test. */
    private static final Duration AT_MOST = Duration.ofSeconds(45);

    record Lookup(String code, int replica, long sentNanos, long doneNanos, int status) {
    }

    /** What one failover cost, as printed for the closing note. */
    record Figures(String topology, Duration toPromotion, Duration to200, Duration toStored, int lookups, int failed,
            int notStored, int failedAnsweredOnRetry, long paidResultsLost) {

        String line() {
            return String.format("[failover figures] %s: time to promotion %d ms, time to 200 %d ms, results stored"
                    + " in Redis again after %d ms; %d lookups at %d/s during the drill, %d failed meanwhile (%d of"
                    + " them answered 200 when asked again), %d answered but not stored in Redis; paid results lost: %d",
                    topology, toPromotion.toMillis(), to200.toMillis(), toStored.toMillis(), lookups, RATE_PER_SECOND,
                    failed, failedAnsweredOnRetry, notStored, paidResultsLost);
        }
    }

    private FailoverDrill() {
    }

    /**
     * @param kill kills the master of the app's keys
     * @param promoted true once a replica has taken over as master
     * @param stored the result keys held by the master now, given the keys asked about
     */
    static Figures run(String topology, TwoReplicas fleet, Runnable kill, BooleanSupplier promoted,
            Function<List<String>, Set<String>> stored) throws Exception {
        int total = (int) ((BEFORE_KILL.toSeconds() + AT_MOST.toSeconds()) * RATE_PER_SECOND);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            codes.add(fleet.mint(String.format("137%08d", i)));
        }
        long paidBefore = fleet.stat("phoneSuccesses");
        List<Lookup> lookups = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        long killAt = 0;
        long promotedAt = 0;
        long period = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
        try {
            for (int i = 0; i < total; i++) {
                long now = System.nanoTime();
                if (killAt == 0 && now - start >= BEFORE_KILL.toNanos()) {
                    kill.run();
                    killAt = System.nanoTime();
                }
                if (killAt != 0 && promotedAt == 0 && promoted.getAsBoolean()) {
                    promotedAt = System.nanoTime();
                }
                if (promotedAt != 0 && now - promotedAt > AFTER_PROMOTION.toNanos()) {
                    break;
                }
                String code = codes.get(i);
                int replica = i % 2;
                GatewayProcess target = fleet.both().get(replica);
                sent.add(pool.submit(() -> {
                    long sentNanos = System.nanoTime();
                    int status = fleet.lookup(target, code, Duration.ofSeconds(15)).statusCode();
                    lookups.add(new Lookup(code, replica, sentNanos, System.nanoTime(), status));
                }));
                long next = start + (i + 1) * period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        if (promotedAt == 0) {
            throw new AssertionError(topology + ": no replica was promoted within " + AT_MOST + " of the kill");
        }
        List<Lookup> done = new ArrayList<>(lookups);
        done.sort((a, b) -> Long.compare(a.sentNanos(), b.sentNanos()));
        long lastFailedSent = done.stream().filter(l -> l.status() != 200).mapToLong(Lookup::sentNanos).max().orElse(0);
        Duration to200 = lastFailedSent == 0 ? Duration.ZERO : Duration.ofNanos(lastFailedSent + period - killAt);

        // the caller asks again for every lookup that failed: a paid result must come back
        int answeredOnRetry = 0;
        List<String> answered = new ArrayList<>();
        for (Lookup l : done) {
            if (l.status() == 200) {
                answered.add(l.code());
            } else {
                GatewayProcess other = fleet.both().get(1 - l.replica());
                if (fleet.lookup(other, l.code(), Duration.ofSeconds(15)).statusCode() == 200) {
                    answeredOnRetry++;
                    answered.add(l.code());
                }
            }
        }
        long paid = fleet.stat("phoneSuccesses") - paidBefore;

        // results answered after the kill but missing from Redis were served while Redis was away
        long killedAt = killAt;
        List<Lookup> afterKill = done.stream().filter(l -> l.status() == 200 && l.sentNanos() >= killedAt).toList();
        Set<String> storedKeys = stored.apply(afterKill.stream().map(l -> resultKey(l.code())).toList());
        long lastNotStoredSent = afterKill.stream().filter(l -> !storedKeys.contains(resultKey(l.code())))
                .mapToLong(Lookup::sentNanos).max().orElse(0);
        int notStored = (int) afterKill.stream().filter(l -> !storedKeys.contains(resultKey(l.code()))).count();
        Duration toStored = lastNotStoredSent == 0 ? Duration.ZERO : Duration.ofNanos(lastNotStoredSent + period - killAt);

        Figures figures = new Figures(topology, Duration.ofNanos(promotedAt - killAt), to200, toStored, done.size(),
                (int) done.stream().filter(l -> l.status() != 200).count(), notStored, answeredOnRetry,
                paid - answered.size());
        System.out.println(figures.line());
        return figures;
    }

    /** The result key of a demo-app code, as {@code ResultCache} names it (sha256 of appid, NUL, code). */
    static String resultKey(String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Simulator.DEMO_APP_ID.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return "phone-gateway:{" + Simulator.DEMO_APP_ID + "}:code:"
                    + HexFormat.of().formatHex(sha256.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
