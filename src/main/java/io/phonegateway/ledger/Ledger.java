package io.phonegateway.ledger;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

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
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The paid-lookup ledger: every number WeChat handed out, counted once by China day, app, caller and component, and the
 * answers the result cache gave instead, counted apart as savings (README "Cost and privacy").
 * <p>
 * A lookup never waits for it: {@link #count} adds to this replica's unwritten counts and returns; one writer at a time
 * sends them, one script call per app and day however many lookups it carries. A batch keeps its id until Redis took it,
 * so a batch whose answer was lost is sent again under the same id and added once (the script remembers the id). While
 * Redis is down the counts wait here, and every {@code retry-interval} the writer tries again.
 */
@ApplicationScoped
public class Ledger {

    static final String UNWRITTEN = "phone_gateway.ledger.unwritten.counts";

    /** One app's hash of one day. */
    private record Bucket(String appId, LocalDate day) {
    }

    /** Counts on their way to one bucket, under the id the store remembers them by. */
    private record Batch(String id, Bucket bucket, Map<String, Long> increments) {
        long size() {
            return increments.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final LedgerStore store;
    private final LedgerMetrics metrics;
    private final Prices prices;
    private final Object lock = new Object();
    /** Counts not yet in a batch, by bucket (guarded by {@link #lock}). */
    private final Map<Bucket, Map<String, Long>> pending = new LinkedHashMap<>();
    /** Batches sent and not confirmed, oldest first; each is sent again, as it is, until Redis confirms it. */
    private final Deque<Batch> unconfirmed = new ArrayDeque<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean failing;

    @Inject
    Ledger(GatewayConfig config, Instance<Redis> redis, RedisStatus status, LedgerMetrics metrics,
            MeterRegistry registry) {
        this(config.token().store() == StoreKind.REDIS
                ? new RedisLedgerStore(new RedisCommands(redis.get(), status, config.ledger().redisTimeout()),
                        config.ledger().retentionDays())
                : new LocalLedgerStore(), metrics, Prices.of(config.ledger()));
        Gauge.builder(UNWRITTEN, this, Ledger::unwritten)
                .description("Ledger counts this replica holds because Redis has not taken them yet").register(registry);
    }

    Ledger(LedgerStore store, LedgerMetrics metrics, Prices prices) {
        this.store = store;
        this.metrics = metrics;
        this.prices = prices;
    }

    /**
     * Counts one answer with a number: {@code saved} when the result cache (or an identical lookup in flight) gave it,
     * else a paid exchange. Returns at once; the count reaches the store in the background.
     */
    public void count(WechatApp app, String caller, PhoneComponent component, boolean saved) {
        metrics.counted(app.name(), caller, component, saved);
        Bucket bucket = new Bucket(app.appId(), ChinaDay.today());
        synchronized (lock) {
            pending.computeIfAbsent(bucket, b -> new HashMap<>())
                    .merge(new LedgerField(caller, component, saved).encoded(), 1L, Long::sum);
        }
        if (!failing) {
            write();
        }
    }

    /** Counts this replica holds that the store has not confirmed (in flight, or waiting for Redis). */
    public long unwritten() {
        synchronized (lock) {
            return pending.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum()
                    + unconfirmed.stream().mapToLong(Batch::size).sum();
        }
    }

    @Scheduled(identity = "ledger-retry", every = "${phone-gateway.ledger.retry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        if (unwritten() > 0) {
            write();
        }
    }

    /** Starts the writer unless it runs; a running writer is told to look again before it stops. */
    void write() {
        if (!writing.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        next();
    }

    private void next() {
        Batch batch = nextBatch();
        if (batch == null) {
            writing.set(false);
            if (again.getAndSet(false) && !failing) {
                write();
            }
            return;
        }
        store.add(batch.bucket().appId(), batch.bucket().day(), batch.id(), batch.increments()).subscribe().with(
                done -> confirmed(batch),
                failure -> {
                    if (!failing) {
                        failing = true;
                        Log.warnf("The ledger cannot write its counts (%s); this replica keeps them and tries again",
                                failure instanceof RedisCommands.RedisDown down ? down.failure().describe() : failure);
                    }
                    writing.set(false);
                });
    }

    private void confirmed(Batch batch) {
        synchronized (lock) {
            unconfirmed.remove(batch);
        }
        if (failing) {
            failing = false;
            Log.infof("The ledger writes its counts again; %d still to write", unwritten());
        }
        next();
    }

    /** The oldest unconfirmed batch, else a new one of the oldest pending bucket (null when all is written). */
    private Batch nextBatch() {
        synchronized (lock) {
            if (!unconfirmed.isEmpty()) {
                return unconfirmed.peekFirst();
            }
            Iterator<Map.Entry<Bucket, Map<String, Long>>> oldest = pending.entrySet().iterator();
            if (!oldest.hasNext()) {
                return null;
            }
            Map.Entry<Bucket, Map<String, Long>> entry = oldest.next();
            oldest.remove();
            Batch batch = new Batch(UUID.randomUUID().toString(), entry.getKey(), Map.copyOf(entry.getValue()));
            unconfirmed.addLast(batch);
            return batch;
        }
    }

    /**
     * The usage of {@code apps} from {@code from} to {@code to} (China days, both included), of one caller when given:
     * one row per day, app, caller and component that has a count, ordered so.
     */
    public Uni<List<UsageRow>> usage(Collection<WechatApp> apps, LocalDate from, LocalDate to, Optional<String> caller) {
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
