package io.phonegateway.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.config.TokenStoreKind;
import io.phonegateway.token.AccessToken;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Whether this replica can serve lookups, with its data: token mode, store, Redis, degraded or not, and the
 * remaining life of each app's token. Never a token or secret, and never a call to WeChat.
 * <p>
 * A Redis outage degrades a replica but does not take it out of the load balancer: in stable mode it still
 * serves from its near cache and direct fetches, and an outage that every replica sees would otherwise take
 * out the whole fleet at once. Only in classic mode, where a replica must not fetch without the fleet-wide
 * lock, is a replica without Redis and without any valid token unready: it could not answer a single lookup.
 */
@Readiness
@ApplicationScoped
class TokenReadinessCheck implements AsyncHealthCheck {

    /** The decision, apart from how its inputs are gathered. */
    record State(TokenMode mode, TokenStoreKind store, boolean redisUp, boolean anyTokenValid) {

        boolean degraded() {
            return store == TokenStoreKind.REDIS && !redisUp;
        }

        boolean ready() {
            return !(degraded() && mode == TokenMode.CLASSIC && !anyTokenValid);
        }
    }

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final Instance<ReactiveRedisDataSource> redis;

    TokenReadinessCheck(GatewayConfig config, GatewayMetrics metrics, Instance<ReactiveRedisDataSource> redis) {
        this.config = config;
        this.metrics = metrics;
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redisUp().map(this::response);
    }

    private Uni<Boolean> redisUp() {
        if (config.token().store() != TokenStoreKind.REDIS) {
            return Uni.createFrom().item(true);
        }
        return Uni.createFrom().deferred(() -> redis.get().execute("PING"))
                .ifNoItem().after(config.token().redisTimeout()).fail()
                .map(pong -> true)
                .onFailure().recoverWithItem(false);
    }

    private HealthCheckResponse response(boolean redisUp) {
        Instant now = Instant.now();
        Map<String, String> tokens = new TreeMap<>();
        boolean anyValid = false;
        for (String app : config.apps().keySet()) {
            AccessToken token = metrics.lastToken(app).orElse(null);
            boolean valid = token != null && !token.expiredAt(now);
            anyValid |= valid;
            tokens.put(app, valid ? "expires in " + Duration.between(now, token.expiresAt()).toSeconds() + "s" : "none");
        }
        State state = new State(config.token().mode(), config.token().store(), redisUp, anyValid);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tokens").status(state.ready())
                .withData("tokenMode", state.mode().name().toLowerCase(Locale.ROOT))
                .withData("tokenStore", state.store().name().toLowerCase(Locale.ROOT))
                .withData("degraded", state.degraded());
        if (state.store() == TokenStoreKind.REDIS) {
            response.withData("redis", redisUp ? "up" : "down");
        }
        if (state.mode() == TokenMode.STABLE || state.mode() == TokenMode.CLASSIC) {
            tokens.forEach((app, life) -> response.withData("token." + app, life));
        }
        return response.build();
    }
}
