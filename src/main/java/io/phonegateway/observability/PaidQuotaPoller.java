package io.phonegateway.observability;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
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
 * Polls WeChat's paid quota of the phone-number component ({@code /wxa/charge/usage/get}) for every app and
 * keeps total, used and remaining as gauges ({@code phone_gateway_paid_quota_*{app}}). Off unless
 * {@code phone-gateway.paid-quota.enabled=true}; the first poll comes a minute after start, never during it.
 * A failed poll keeps the last figures and is counted by its result, so an alert can tell stale from low.
 */
@ApplicationScoped
public class PaidQuotaPoller {

    static final String PAID_QUOTA_LIMIT = "phone_gateway.paid.quota.limit";
    static final String PAID_QUOTA_USED = "phone_gateway.paid.quota.used";
    static final String PAID_QUOTA_REMAINING = "phone_gateway.paid.quota.remaining";
    static final String PAID_QUOTA_POLLS = "phone_gateway.paid.quota.polls";

    private final AppRegistry apps;
    private final AccessTokenProvider tokens;
    private final WechatClient wechat;
    private final MeterRegistry registry;
    private final String spuId;
    private final Map<String, ChargeUsage> latest = new ConcurrentHashMap<>();

    PaidQuotaPoller(AppRegistry apps, AccessTokenProvider tokens, WechatClient wechat, MeterRegistry registry,
            GatewayConfig config) {
        this.apps = apps;
        this.tokens = tokens;
        this.wechat = wechat;
        this.registry = registry;
        this.spuId = config.paidQuota().spuId();
    }

    @Scheduled(identity = "paid-quota", every = "${phone-gateway.paid-quota.interval}", delayed = "1m", skipExecutionIf = Disabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return pollAll();
    }

    /** Polls every app once; completes when all answered or failed (failures are counted, never thrown). */
    public Uni<Void> pollAll() {
        return Multi.createFrom().iterable(apps.all()).onItem().transformToUniAndMerge(this::poll).collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> poll(WechatApp app) {
        return tokens.withCredential(app, Optional.empty(), credential -> wechat.chargeUsage(credential, spuId), () -> {
        })
                .invoke(usage -> remember(app.name(), usage))
                .onItemOrFailure().invoke((usage, failure) -> polled(app.name(), WechatCallOutcome.result(failure)))
                .onFailure().invoke(failure -> Log.warnf("polling the paid quota of app %s failed (%s)", app.name(),
                        WechatCallOutcome.result(failure)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The latest paid quota of {@code app}; its gauges appear with the first successful poll. */
    private void remember(String app, ChargeUsage usage) {
        if (latest.put(app, usage) == null) {
            Gauge.builder(PAID_QUOTA_LIMIT, latest, q -> q.get(app).all()).tag("app", app)
                    .description("Paid phone-number quota bought and in force at WeChat").register(registry);
            Gauge.builder(PAID_QUOTA_USED, latest, q -> q.get(app).used()).tag("app", app)
                    .description("Paid phone-number quota used so far").register(registry);
            Gauge.builder(PAID_QUOTA_REMAINING, latest, q -> q.get(app).remaining()).tag("app", app)
                    .description("Paid phone-number quota left").register(registry);
        }
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
