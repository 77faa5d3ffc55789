package io.phonegateway.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenStoreKind;
import io.phonegateway.token.RedisStatus;

/**
 * Readiness of the token path, with its data: token mode, store, and whether Redis answers. A Redis outage
 * degrades a replica but does not take it out of the load balancer: it still serves from its near cache
 * and (stable mode) direct fetches, and an outage would otherwise take out every replica at once. Never
 * reports a token or secret.
 */
@Readiness
@ApplicationScoped
class TokenReadinessCheck implements HealthCheck {

    private final GatewayConfig config;
    private final RedisStatus redis;

    TokenReadinessCheck(GatewayConfig config, RedisStatus redis) {
        this.config = config;
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tokens").up()
                .withData("tokenMode", config.token().mode().name().toLowerCase())
                .withData("tokenStore", config.token().store().name().toLowerCase());
        if (config.token().store() == TokenStoreKind.REDIS) {
            response.withData("redis", redis.downSince().isPresent() ? "down since " + redis.downSince().get() : "up")
                    .withData("degraded", redis.downSince().isPresent());
        } else {
            response.withData("degraded", false);
        }
        return response.build();
    }
}
