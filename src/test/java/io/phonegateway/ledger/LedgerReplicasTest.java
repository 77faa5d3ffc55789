package io.phonegateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.WechatApp;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.redis.RedisStatus;
import io.phonegateway.testsupport.RedisServerResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The ledger in a real Redis: replicas (each a {@link Ledger} of its own, as each gateway process has) add up in one
 * hash per app and day; a batch whose answer was lost and that is sent again is added once; with Redis stopped the
 * counts wait in the process and arrive, exactly once, when it is back.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LedgerReplicasTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** An app of its own, so counts of the component tests never mix in. */
    private static final WechatApp APP = new WechatApp("demo", "wx00000000000000" + "cd", Optional.empty());

    @Inject
    Redis client;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisStatus status;

    @Inject
    LedgerMetrics metrics;

    @Inject
    Vertx vertx;

    @BeforeEach
    void emptyLedger() {
        redis.execute("DEL", RedisKeys.ledgerDay(APP.appId(), ChinaDay.today())).await().atMost(WAIT);
    }

    @AfterEach
    void redisBack() {
        if (RedisServerResource.embedded()) {
            RedisServerResource.restart();
        }
    }

    private Ledger replica() {
        return replica(task -> vertx.setTimer(100, id -> task.run()));
    }

    private Ledger replica(LedgerWriter.Timer timer) {
        return new Ledger(new RedisLedgerStore(new RedisCommands(client, status, Duration.ofMillis(500)), 400), metrics,
                new Prices(new java.math.BigDecimal("0.03"), new java.math.BigDecimal("0.04")), timer,
                Duration.ofSeconds(1));
    }

    @Test
    void countsOfSeveralReplicasAddUpInOneLedger() {
        Ledger first = replica();
        Ledger second = replica();

        for (int i = 0; i < 5; i++) {
            first.count(APP, "orders", PhoneComponent.QUICK, false);
            second.count(APP, "orders", PhoneComponent.QUICK, false);
        }
        second.count(APP, "orders", PhoneComponent.QUICK, true);
        first.count(APP, "billing", PhoneComponent.REALTIME, false);
        await(() -> first.unwritten() == 0 && second.unwritten() == 0);

        List<UsageRow> rows = today(first);
        assertThat(rows).extracting(UsageRow::caller, UsageRow::component, UsageRow::paid, UsageRow::saved)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("billing", PhoneComponent.REALTIME, 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple("orders", PhoneComponent.QUICK, 10L, 1L));
        assertThat(rows.get(1).cost()).isEqualByComparingTo("0.30");
        assertThat(rows.get(1).savedCost()).isEqualByComparingTo("0.03");
        assertThat(rows.get(0).cost()).isEqualByComparingTo("0.04");
        assertThat(today(second)).isEqualTo(rows); // every replica reads the same ledger
    }

    @Test
    void aBatchSentAgainAfterALostAnswerIsAddedOnce() {
        RedisLedgerStore store = new RedisLedgerStore(new RedisCommands(client, status, Duration.ofMillis(500)), 400);
        String batch = UUID.randomUUID().toString();
        Map<String, Long> increments = Map.of("orders|quick|paid", 3L);

        store.add(APP.appId(), ChinaDay.today(), batch, increments).await().atMost(WAIT);
        store.add(APP.appId(), ChinaDay.today(), batch, increments).await().atMost(WAIT); // the retry of a lost answer
        store.add(APP.appId(), ChinaDay.today(), UUID.randomUUID().toString(), Map.of("orders|quick|paid", 1L))
                .await().atMost(WAIT);

        assertThat(store.read(APP.appId(), ChinaDay.today()).await().atMost(WAIT)).containsExactly(
                Map.entry("orders|quick|paid", 4L));
        long ttl = redis.execute("TTL", RedisKeys.ledgerDay(APP.appId(), ChinaDay.today())).await().atMost(WAIT).toLong();
        assertThat(ttl).as("kept for retention-days").isBetween(Duration.ofDays(399).toSeconds(),
                Duration.ofDays(400).toSeconds());
    }

    @Test
    void countsMadeWhileRedisIsDownArriveOnceWhenItIsBack() {
        Assumptions.assumeTrue(RedisServerResource.embedded(), "needs the suite's own Redis, which it may stop");
        Ledger ledger = replica();
        ledger.count(APP, "orders", PhoneComponent.QUICK, false);
        await(() -> ledger.unwritten() == 0);

        RedisServerResource.stopServer();
        Instant before = Instant.now();
        for (int i = 0; i < 4; i++) {
            ledger.count(APP, "orders", PhoneComponent.QUICK, false);
        }
        ledger.count(APP, "orders", PhoneComponent.QUICK, true);
        assertThat(Duration.between(before, Instant.now())).as("counting never waits for Redis")
                .isLessThan(Duration.ofMillis(400));
        // retries (the bean's scheduler calls retry() every retry-interval) fail; the counts stay in the process
        for (int i = 0; i < 3; i++) {
            sleep(Duration.ofMillis(700));
            ledger.retry();
        }
        sleep(Duration.ofMillis(700));
        assertThat(ledger.unwritten()).isEqualTo(5);

        RedisServerResource.restart();
        ledger.retry();
        await(() -> ledger.unwritten() == 0);
        ledger.retry(); // nothing left to send: nothing may be added twice
        ledger.count(APP, "orders", PhoneComponent.QUICK, false);
        await(() -> ledger.unwritten() == 0);

        // the test's Redis keeps nothing across a restart (no persistence), so the hash now holds what was counted
        // during the outage, once, and the count after it
        assertThat(today(ledger)).singleElement().satisfies(row -> {
            assertThat(row.paid()).isEqualTo(5);
            assertThat(row.saved()).isEqualTo(1);
        });
    }

    @Test
    void aReplicaReadsItsOwnCountsAtOnceAndOthersWithinTheLinger() {
        Ledger first = replica(task -> {
        }); // its linger never ends: only the read's flush writes
        Ledger second = replica();

        first.count(APP, "orders", PhoneComponent.QUICK, false);
        assertThat(today(first)).singleElement().satisfies(row -> assertThat(row.paid()).isEqualTo(1));
        assertThat(first.unwritten()).isZero();

        Instant counted = Instant.now();
        second.count(APP, "orders", PhoneComponent.QUICK, false);
        await(() -> second.unwritten() == 0);
        assertThat(Duration.between(counted, Instant.now())).as("written after the linger")
                .isLessThan(Duration.ofSeconds(2));
        assertThat(today(first)).singleElement().satisfies(row -> assertThat(row.paid()).isEqualTo(2));
    }

    @Test
    void countsMadeJustBeforeAStopAreInRedisAfterIt() {
        Ledger ledger = replica(task -> {
        }); // the linger never ends: only the stop writes
        for (int i = 0; i < 3; i++) {
            ledger.count(APP, "orders", PhoneComponent.QUICK, false);
        }
        ledger.count(APP, "billing", PhoneComponent.REALTIME, true);

        ledger.stop();

        assertThat(ledger.unwritten()).isZero();
        // another replica reads them: they are in Redis
        assertThat(today(replica())).extracting(UsageRow::caller, UsageRow::paid, UsageRow::saved).containsExactly(
                org.assertj.core.groups.Tuple.tuple("billing", 0L, 1L),
                org.assertj.core.groups.Tuple.tuple("orders", 3L, 0L));
    }

    private static List<UsageRow> today(Ledger ledger) {
        LocalDate today = ChinaDay.today();
        return ledger.usage(List.of(APP), today, today, Optional.empty()).await().atMost(WAIT);
    }

    private static void await(BooleanSupplier condition) {
        Instant end = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + WAIT);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
