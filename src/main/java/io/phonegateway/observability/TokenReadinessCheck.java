package io.phonegateway.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.StoreKind;
import io.phonegateway.config.TokenMode;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisStatus;
import io.phonegateway.token.AccessToken;
import io.phonegateway.token.AccessTokenProvider;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

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

    /**
     * The decision, apart from how its inputs are gathered.
     *
     * @param refusedSinceStart Redis refused this replica's configuration (credentials, ACL, TLS) and never
     *        accepted it: a rollout with a wrong password or trust store must not go live
     */
    record State(TokenMode mode, StoreKind store, boolean redisUp, boolean anyTokenValid, boolean refusedSinceStart) {

        State(TokenMode mode, StoreKind store, boolean redisUp, boolean anyTokenValid) {
            this(mode, store, redisUp, anyTokenValid, false);
        }

        boolean degraded() {
            return store == StoreKind.REDIS && !redisUp;
        }

        boolean ready() {
            if (degraded() && refusedSinceStart) {
                return false;
            }
            return !(degraded() && mode == TokenMode.CLASSIC && !anyTokenValid);
        }
    }

    private final GatewayConfig config;
    private final AccessTokenProvider tokens;
    private final RedisCommands redis;
    private final RedisStatus status;

    TokenReadinessCheck(GatewayConfig config, AccessTokenProvider tokens, Instance<Redis> redis,
            RedisStatus status) {
        this.config = config;
        this.tokens = tokens;
        this.status = status;
        // the probe's PING goes through the same timed wrapper as every command, so readiness, the degraded gauge
        // and the stores all read one fact: RedisStatus
        this.redis = config.token().store() == StoreKind.REDIS
                ? new RedisCommands(redis.get(), status, config.token().redisTimeout())
                : null;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redisUp().map(this::response);
    }

    private Uni<Boolean> redisUp() {
        if (config.token().store() != StoreKind.REDIS) {
            return Uni.createFrom().item(true);
        }
        return redis.execute("PING")
                .map(pong -> true)
                .onFailure().recoverWithItem(false);
    }

    private HealthCheckResponse response(boolean redisUp) {
        Instant now = Instant.now();
        Map<String, String> lives = new TreeMap<>();
        boolean anyValid = false;
        for (String app : config.apps().keySet()) {
            AccessToken token = tokens.heldToken(app).orElse(null);
            boolean valid = token != null && !token.expiredAt(now);
            anyValid |= valid;
            lives.put(app, valid ? "expires in " + Duration.between(now, token.expiresAt()).toSeconds() + "s" : "none");
        }
        State state = new State(config.token().mode(), config.token().store(), redisUp, anyValid,
                status.refusedSinceStart());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tokens").status(state.ready())
                .withData("tokenMode", state.mode().name().toLowerCase(Locale.ROOT))
                .withData("tokenStore", state.store().name().toLowerCase(Locale.ROOT))
                .withData("degraded", state.degraded());
        if (state.store() == StoreKind.REDIS) {
            response.withData("redis", redisUp ? "up" : "down");
            Optional<RedisStatus.Down> down = redisUp ? Optional.empty() : status.current();
            down.ifPresent(d -> response.withData("redisFailure", d.failure().describe())
                    .withData("redisDownSince", d.since().toString()));
        }
        if (state.mode().fetchesTokens()) {
            lives.forEach((app, life) -> response.withData("token." + app, life));
        }
        return response.build();
    }
}
