package io.phonegateway.token;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.redis.RedisStatus;
import io.vertx.mutiny.redis.client.Redis;

/** Chooses the token store named by {@code phone-gateway.token.store}; Redis is only touched when chosen. */
class TokenStoreProducer {

    @Produces
    @Singleton
    TokenStore tokenStore(GatewayConfig config, Instance<Redis> redis, RedisStatus status,
            TokenMetrics metrics) {
        return switch (config.token().store()) {
            case LOCAL -> new LocalTokenStore(metrics);
            case REDIS -> new RedisTokenStore(redis.get(), status, config.token(), metrics);
        };
    }
}
