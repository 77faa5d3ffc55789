package io.phonegateway.token;

import jakarta.inject.Singleton;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;

/**
 * Every near-cache period, brings each held token up to date as a lookup would. Without it an idle replica's
 * token gauges would follow a token it used long ago and the expiry alert would fire on a healthy fleet; with it
 * {@code phone_gateway_token_expires_in_seconds} says when the token this replica would use now expires (NaN for
 * an app it never served), and falls only when refreshes really fail. Off with
 * {@code phone-gateway.token.keep-held-fresh=false} (component tests, which step tokens by hand).
 */
@Singleton
class HeldTokenKeeper {

    private final AccessTokenProvider tokens;
    private final AppRegistry apps;

    HeldTokenKeeper(AccessTokenProvider tokens, AppRegistry apps) {
        this.tokens = tokens;
        this.apps = apps;
    }

    @Scheduled(identity = "held-tokens", every = "${phone-gateway.token.near-cache-ttl}", delayed = "${phone-gateway.token.near-cache-ttl}", skipExecutionIf = Off.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> keepFresh() {
        return tokens.refreshHeld(apps);
    }

    @Singleton
    static class Off implements Scheduled.SkipPredicate {

        private final boolean on;

        Off(GatewayConfig config) {
            this.on = config.token().keepHeldFresh();
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !on;
        }
    }
}
