package io.phonegateway.redis;

import java.time.Duration;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.StoreKind;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Opens the first Redis connection at startup, without waiting for it, so the first lookups do not pay for
 * the connection (and a cold JVM) inside the Redis command timeout, and readiness knows Redis' state at once.
 * Startup never waits on Redis and never calls WeChat. A refusal for configuration (wrong password, ACL user
 * without a needed command, untrusted certificate) is logged as an error naming the property to fix, and
 * keeps the replica unready ({@link RedisStatus#refusedSinceStart()}).
 */
@Singleton
class RedisWarmup {

    /** A cold JVM's first TLS handshake may take seconds: the warm-up is not a lookup and may wait longer. */
    private static final Duration WARMUP_TIMEOUT = Duration.ofSeconds(10);

    void onStart(@Observes StartupEvent event, GatewayConfig config, Instance<Redis> redis,
            RedisStatus status) {
        if (config.token().store() != StoreKind.REDIS) {
            return;
        }
        new RedisCommands(redis.get(), status, WARMUP_TIMEOUT).execute("PING").subscribe().with(
                reply -> {
                },
                failure -> {
                    RedisFailure kind = ((RedisCommands.RedisDown) failure).failure();
                    if (kind.misconfiguration()) {
                        Log.errorf("Redis refused this replica at startup (%s); it stays unready until Redis accepts it",
                                kind.describe());
                    } else {
                        Log.warnf("Redis did not answer at startup (%s); lookups work degraded until it does",
                                kind.describe());
                    }
                });
    }
}
