package io.phonegateway.observability;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.token.AccessTokenProvider;
import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.WechatClient;
import io.phonegateway.wechat.WechatException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Polls WeChat's paid quota of the phone-number component ({@code /wxa/charge/usage/get}) for every app and
 * keeps total, used and remaining as gauges ({@link GatewayMetrics#paidQuota}). Off unless
 * {@code phone-gateway.paid-quota.enabled=true}; the first poll comes a minute after start, never during it.
 * A failed poll keeps the last figures and is counted by its result, so an alert can tell stale from low.
 */
@ApplicationScoped
public class PaidQuotaPoller {

    private final AppRegistry apps;
    private final AccessTokenProvider tokens;
    private final WechatClient wechat;
    private final GatewayMetrics metrics;
    private final String spuId;

    PaidQuotaPoller(AppRegistry apps, AccessTokenProvider tokens, WechatClient wechat, GatewayMetrics metrics,
            GatewayConfig config) {
        this.apps = apps;
        this.tokens = tokens;
        this.wechat = wechat;
        this.metrics = metrics;
        this.spuId = config.paidQuota().spuId();
    }

    @Scheduled(identity = "paid-quota", every = "${phone-gateway.paid-quota.interval}", delayed = "1m",
            skipExecutionIf = Disabled.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPoll() {
        return pollAll();
    }

    /** Polls every app once; completes when all answered or failed (failures are counted, never thrown). */
    public Uni<Void> pollAll() {
        return Multi.createFrom().iterable(apps.all()).onItem().transformToUniAndMerge(this::poll).collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> poll(WechatApp app) {
        return tokens.credentialFor(app, Optional.empty())
                .chain(credential -> wechat.chargeUsage(credential, spuId)
                        .onFailure(PaidQuotaPoller::isTokenRejected)
                        .recoverWithUni(() -> tokens.replacementFor(app, credential, Optional.empty())
                                .chain(replacement -> wechat.chargeUsage(replacement, spuId))))
                .invoke(usage -> metrics.paidQuota(app.name(), usage))
                .onItemOrFailure().invoke((usage, failure) -> metrics.paidQuotaPolled(app.name(), WechatCallOutcome.result(failure)))
                .onFailure().invoke(failure -> Log.warnf("polling the paid quota of app %s failed (%s)", app.name(),
                        WechatCallOutcome.result(failure)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The token was stale (as a lookup would find): once more with a new one, like a lookup. */
    private static boolean isTokenRejected(Throwable failure) {
        return failure instanceof WechatException w && w.kind() == ErrorKind.TOKEN_REJECTED;
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
