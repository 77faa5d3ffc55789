package io.phonegateway.lookup;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisStatus;
import io.vertx.mutiny.redis.client.Redis;

/** Chooses where results are kept: beside the tokens ({@code phone-gateway.token.store}); Redis only when chosen. */
class ResultStoreProducer {

    @Produces
    @Singleton
    ResultStore resultStore(GatewayConfig config, Instance<Redis> redis, RedisStatus status) {
        return switch (config.token().store()) {
            case LOCAL -> new LocalResultStore();
            case REDIS -> new RedisResultStore(new RedisCommands(redis.get(), status, config.token().redisTimeout()));
        };
    }
}
