package io.phonegateway.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.StoreKind;
import io.phonegateway.config.WechatApp;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisStatus;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The paid-lookup ledger: every number WeChat handed out, counted once by China day, app, caller and component, and the
 * answers the result cache gave instead, counted apart as savings (README "Cost and privacy").
 * <p>
 * A lookup never waits for it: {@link #count} adds to this replica's unwritten counts and returns. The counts linger
 * ({@code ledger.flush-interval}, 100 ms) and then go in one script call per app and day however many lookups they carry,
 * so a count reaches Redis up to a linger late; {@link #usage} first writes this replica's own. A batch keeps its id
 * (a random prefix per process and a counter) until Redis took it, so a batch whose answer was lost is sent again under
 * the same id and added once (the script remembers the id). While Redis is down the counts wait here, and every
 * {@code retry-interval} the writer tries again. A graceful stop writes what is left and waits for Redis to take it.
 */
@Singleton
public class Ledger {

    static final String UNWRITTEN = "phone_gateway.ledger.unwritten.counts";

    private final LedgerStore store;
    private final LedgerWriter writer;
    private final LedgerMetrics metrics;
    private final Prices prices;
    /** The longest a read waits for this replica's counts, and a stop for their confirmation. */
    private final Duration flushWait;

    @Inject
    Ledger(GatewayConfig config, Instance<Redis> redis, RedisStatus status, LedgerMetrics metrics,
            MeterRegistry registry, Vertx vertx) {
        this(config.token().store() == StoreKind.REDIS
                ? new RedisLedgerStore(new RedisCommands(redis.get(), status, config.ledger().redisTimeout()),
                        config.ledger().retentionDays())
                : new LocalLedgerStore(), metrics, Prices.of(config.ledger()),
                task -> vertx.setTimer(config.ledger().flushInterval().toMillis(), id -> task.run()),
                config.ledger().redisTimeout().multipliedBy(2));
        Gauge.builder(UNWRITTEN, this, Ledger::unwritten)
                .description("Ledger counts this replica holds because Redis has not taken them yet").register(registry);
    }

    Ledger(LedgerStore store, LedgerMetrics metrics, Prices prices, LedgerWriter.Timer timer, Duration flushWait) {
        this.store = store;
        this.writer = new LedgerWriter(store, timer);
        this.metrics = metrics;
        this.prices = prices;
        this.flushWait = flushWait;
    }

    /**
     * Counts one answer with a number: {@code saved} when the result cache (or an identical lookup in flight) gave it,
     * else a paid exchange. Returns at once; the count reaches the store within the linger.
     */
    public void count(WechatApp app, String caller, PhoneComponent component, boolean saved) {
        metrics.counted(app.name(), caller, component, saved);
        writer.add(new LedgerWriter.Bucket(app.appId(), ChinaDay.today()),
                new LedgerField(caller, component, saved).encoded());
    }

    /** Counts this replica holds that the store has not confirmed (lingering, in flight, or waiting for Redis). */
    public long unwritten() {
        return writer.unwritten();
    }

    @Scheduled(identity = "ledger-retry", every = "${phone-gateway.ledger.retry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        writer.retry();
    }

    /**
     * ShutdownEvent comes after the shutdown delay and the requests in flight, and before the Redis client closes (its
     * shutdown task was registered first; they run last-in first-out), so every count of this replica can still go.
     */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        stop();
    }

    /** Writes what this replica counted and waits, a bounded time, for Redis to confirm it. */
    void stop() {
        long lost = writer.stop(flushWait);
        if (lost > 0) {
            Log.warnf("The ledger could not write %d counts before the stop; they are lost (the paid quota's"
                    + " reconciliation gap shows them)", lost);
        }
    }

    /**
     * The usage of {@code apps} from {@code from} to {@code to} (China days, both included), of one caller when given:
     * one row per day, app, caller and component that has a count, ordered so.
     */
    public Uni<List<UsageRow>> usage(Collection<WechatApp> apps, LocalDate from, LocalDate to, Optional<String> caller) {
        // this replica's lingering counts first, so a caller sees its own lookups; a failed write does not hold the read
        return Uni.createFrom().completionStage(writer::flush).ifNoItem().after(flushWait).recoverWithItem((Void) null)
                .chain(() -> read(apps, from, to, caller));
    }

    private Uni<List<UsageRow>> read(Collection<WechatApp> apps, LocalDate from, LocalDate to, Optional<String> caller) {
        List<Uni<List<UsageRow>>> reads = new ArrayList<>();
        for (WechatApp app : apps) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                LocalDate d = day;
                reads.add(store.read(app.appId(), d).map(hash -> rows(app, d, hash, caller)));
            }
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(reads).andFailFast()
                .onFailure(RedisCommands.RedisDown.class).transform(Unavailable::new)
                .map(lists -> lists.stream().flatMap(List::stream)
                        .sorted(Comparator.comparing(UsageRow::day).thenComparing(UsageRow::app).thenComparing(UsageRow::caller)
                                .thenComparing(UsageRow::component))
                        .toList());
    }

    private List<UsageRow> rows(WechatApp app, LocalDate day, Map<String, Long> hash, Optional<String> caller) {
        Map<String, long[]> byCallerAndComponent = new LinkedHashMap<>();
        Map<String, LedgerField> keys = new HashMap<>();
        hash.forEach((encoded, count) -> LedgerField.parse(encoded)
                .filter(field -> caller.isEmpty() || caller.get().equals(field.caller())).ifPresent(field -> {
                    String key = field.caller() + "|" + field.component().label();
                    keys.putIfAbsent(key, field);
                    byCallerAndComponent.computeIfAbsent(key, k -> new long[2])[field.saved() ? 1 : 0] += count;
                }));
        List<UsageRow> rows = new ArrayList<>();
        byCallerAndComponent.forEach((key, counts) -> {
            LedgerField field = keys.get(key);
            rows.add(new UsageRow(day, app.name(), app.appId(), field.caller(), field.component(), counts[0],
                    prices.cost(field.component(), counts[0]), counts[1], prices.cost(field.component(), counts[1])));
        });
        return rows;
    }

    /** Paid numbers of one app and component, every caller, from {@code from} to {@code to} (China days, included). */
    public Uni<Long> paid(WechatApp app, PhoneComponent component, LocalDate from, LocalDate to) {
        return usage(List.of(app), from, to, Optional.empty()).map(rows -> rows.stream()
                .filter(row -> row.component() == component).mapToLong(UsageRow::paid).sum());
    }

    /**
     * Today's reconciliation of one app and component: how many numbers WeChat charged ({@code effectiveUse} now,
     * {@code wechatUsedNow}) and the ledger counted, both since the first look of the day (shared by the fleet).
     */
    public Uni<Reconciliation> reconcile(WechatApp app, PhoneComponent component, long wechatUsedNow) {
        LocalDate today = ChinaDay.today();
        return paid(app, component, today, today).chain(paidNow -> store
                .baseline(app.appId(), today, component, new Baseline(wechatUsedNow, paidNow))
                .map(base -> new Reconciliation(today, wechatUsedNow - base.wechatUsed(), paidNow - base.ledgerPaid())));
    }

    /** The store could not be read (Redis down); nothing was lost, the read may simply be tried again. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("the ledger cannot be read: " + cause.getMessage(), cause, false, false);
        }
    }

    /**
     * One China day's charges at WeChat against the ledger's paid count, since the day's first look.
     *
     * @param wechatCharged numbers WeChat charged: every tap that produced a code, even one that never reached us
     * @param ledgerPaid numbers the gateway handed out
     */
    public record Reconciliation(LocalDate day, long wechatCharged, long ledgerPaid) {

        /** Positive: WeChat charged for codes the gateway never exchanged (a tap whose code was lost or never sent). */
        public long gap() {
            return wechatCharged - ledgerPaid;
        }
    }
}
