package io.phonegateway.redis;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.StoreKind;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Opens the first Redis connection at startup, without waiting for it, so the first lookups do not pay for
 * the connection (and a cold JVM) inside the Redis command timeout, and readiness knows Redis' state at once.
 * Startup never waits on Redis and never calls WeChat.
 */
@Singleton
class RedisWarmup {

    void onStart(@Observes StartupEvent event, GatewayConfig config, Instance<ReactiveRedisDataSource> redis,
            RedisStatus status) {
        if (config.token().store() != StoreKind.REDIS) {
            return;
        }
        redis.get().execute("PING").subscribe().with(
                reply -> status.up(),
                failure -> {
                    status.down(failure);
                    Log.warnf("Redis did not answer at startup (%s); lookups work degraded until it does",
                            failure.getClass().getSimpleName());
                });
    }
}
