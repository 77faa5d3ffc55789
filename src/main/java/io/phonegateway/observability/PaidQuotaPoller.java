package io.phonegateway.observability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.WechatApp;
import io.phonegateway.ledger.Ledger;
import io.phonegateway.token.AccessTokenProvider;
import io.phonegateway.wechat.ChargeUsage;
import io.phonegateway.wechat.WechatCallOutcome;
import io.phonegateway.wechat.WechatClient;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Polls WeChat's paid quota ({@code /wxa/charge/usage/get}) of both phone-number components for every app: the quick
 * component's spuId always, the real-time one's once {@code paid-quota.realtime-spu-id} is set. Keeps total, used and
 * remaining as gauges ({@code phone_gateway_paid_quota_*{app,component}}), with the package's end, the runway (remaining
 * divided by the ledger's average daily paid count of the last 7 China days) and today's reconciliation gap (WeChat's
 * charges against the ledger's paid count). Off unless {@code phone-gateway.paid-quota.enabled=true}; the first poll
 * comes a minute after start, never during it. A failed poll keeps the last figures and is counted by its result, so
 * an alert can tell stale from low.
 */
@ApplicationScoped
public class PaidQuotaPoller {

    static final String PAID_QUOTA_LIMIT = "phone_gateway.paid.quota.limit";
    static final String PAID_QUOTA_USED = "phone_gateway.paid.quota.used";
    static final String PAID_QUOTA_REMAINING = "phone_gateway.paid.quota.remaining";
    static final String PAID_QUOTA_POLLS = "phone_gateway.paid.quota.polls";
    static final String PAID_QUOTA_END = "phone_gateway.paid.quota.end.timestamp.seconds";
    static final String RUNWAY = "phone_gateway.paid.quota.runway.days";
    static final String GAP = "phone_gateway.paid.quota.reconciliation.gap";
    /** The runway averages this many China days of the ledger, today included. */
    static final int RUNWAY_DAYS = 7;

    /** What the last polls of one app and component found. */
    private static final class Figures {
        volatile ChargeUsage usage;
        volatile double runwayDays = Double.NaN;
        volatile double gap = Double.NaN;
    }

    private record Product(WechatApp app, PhoneComponent component, String spuId) {
    }

    private final AppRegistry apps;
    private final AccessTokenProvider tokens;
    private final WechatClient wechat;
    private final Ledger ledger;
    private final MeterRegistry registry;
    private final Map<PhoneComponent, String> spuIds = new ConcurrentHashMap<>();
    private final Map<String, Figures> latest = new ConcurrentHashMap<>();

    PaidQuotaPoller(AppRegistry apps, AccessTokenProvider tokens, WechatClient wechat, Ledger ledger,
            MeterRegistry registry, GatewayConfig config) {
        this.apps = apps;
        this.tokens = tokens;
        this.wechat = wechat;
        this.ledger = ledger;
        this.registry = registry;
        spuIds.put(PhoneComponent.QUICK, config.paidQuota().spuId());
        config.paidQuota().realtimeSpuId().filter(id -> !id.isBlank())
                .ifPresent(id -> spuIds.put(PhoneComponent.REALTIME, id));
    }

    @Scheduled(identity = "paid-quota", every = "${phone-gateway.paid-quota.interval}", delayed = "1m", skipExecutionIf = Disabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return pollAll();
    }

    /** Polls every app and component once; completes when all answered or failed (failures are counted, never thrown). */
    public Uni<Void> pollAll() {
        List<Product> products = new ArrayList<>();
        for (WechatApp app : apps.all()) {
            spuIds.forEach((component, spuId) -> products.add(new Product(app, component, spuId)));
        }
        return Multi.createFrom().iterable(products).onItem().transformToUniAndMerge(this::poll).collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> poll(Product product) {
        String app = product.app().name();
        return tokens.withCredential(product.app(), Optional.empty(),
                credential -> wechat.chargeUsage(product.app(), credential, product.spuId()), () -> {
                })
                .onItemOrFailure().invoke((usage, failure) -> polled(app, WechatCallOutcome.result(failure)))
                .onFailure().invoke(failure -> Log.warnf("polling the paid quota of app %s (%s) failed (%s)", app,
                        product.component().label(), WechatCallOutcome.result(failure)))
                .chain(usage -> compare(product, figures(product), usage))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The runway and reconciliation from the ledger; a ledger that cannot be read keeps their last values. */
    private Uni<Void> compare(Product product, Figures figures, ChargeUsage usage) {
        figures.usage = usage;
        LocalDate today = ChinaDay.today();
        return ledger.paid(product.app(), product.component(), today.minusDays(RUNWAY_DAYS - 1), today)
                .invoke(paid -> figures.runwayDays = runwayDays(usage.remaining(), paid))
                .chain(() -> ledger.reconcile(product.app(), product.component(), usage.used()))
                .invoke(reconciliation -> figures.gap = reconciliation.gap())
                .onFailure().invoke(failure -> Log.warnf("the paid quota of app %s (%s) cannot be compared with the "
                        + "ledger now (%s)", product.app().name(), product.component().label(), failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Days until {@code remaining} runs out at the last week's pace; infinite while nothing was paid. */
    static double runwayDays(long remaining, long paidInLastWeek) {
        double perDay = paidInLastWeek / (double) RUNWAY_DAYS;
        return perDay == 0 ? Double.POSITIVE_INFINITY : remaining / perDay;
    }

    /** The figures of one app and component; their gauges appear with the first successful poll. */
    private Figures figures(Product product) {
        String key = product.app().name() + "|" + product.component().label();
        return latest.computeIfAbsent(key, k -> {
            Figures f = new Figures();
            Tags tags = Tags.of("app", product.app().name(), "component", product.component().label());
            Gauge.builder(PAID_QUOTA_LIMIT, f, x -> x.usage == null ? Double.NaN : x.usage.all()).tags(tags)
                    .description("Paid phone-number quota bought and in force at WeChat").register(registry);
            Gauge.builder(PAID_QUOTA_USED, f, x -> x.usage == null ? Double.NaN : x.usage.used()).tags(tags)
                    .description("Paid phone-number quota used so far").register(registry);
            Gauge.builder(PAID_QUOTA_REMAINING, f, x -> x.usage == null ? Double.NaN : x.usage.remaining()).tags(tags)
                    .description("Paid phone-number quota left").register(registry);
            Gauge.builder(PAID_QUOTA_END, f,
                    x -> x.usage == null ? Double.NaN
                            : x.usage.endsAt().map(e -> (double) e.getEpochSecond()).orElse(Double.NaN))
                    .tags(tags).description("When the last resource pack in force ends (epoch seconds), as WeChat says")
                    .register(registry);
            Gauge.builder(RUNWAY, f, x -> x.runwayDays).tags(tags)
                    .description("Days the remaining quota lasts at the ledger's average daily paid count of the last 7 days")
                    .register(registry);
            Gauge.builder(GAP, f, x -> x.gap).tags(tags)
                    .description("Today's numbers charged by WeChat minus those the ledger counted as paid (China day)")
                    .register(registry);
            return f;
        });
    }

    /** One poll ended; {@code result} as in {@link WechatCallOutcome#result(Throwable)}. */
    private void polled(String app, String result) {
        Counter.builder(PAID_QUOTA_POLLS).tags("app", app, "result", result)
                .description("Polls of WeChat's paid quota by app and result").register(registry).increment();
    }

    /** Skips every scheduled poll unless the poller is enabled. */
    @Singleton
    static class Disabled implements Scheduled.SkipPredicate {

        private final boolean enabled;

        Disabled(GatewayConfig config) {
            this.enabled = config.paidQuota().enabled();
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !enabled;
        }
    }
}
