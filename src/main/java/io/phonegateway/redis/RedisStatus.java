package io.phonegateway.redis;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/** Whether this replica's last Redis command worked: the Redis store's degraded mode and readiness read it. */
@ApplicationScoped
public class RedisStatus {

    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    public void up() {
        Instant was = downSince.getAndSet(null);
        if (was != null) {
            Log.infof("Redis is reachable again after being down since %s", was);
        }
    }

    public void down(Throwable failure) {
        if (downSince.compareAndSet(null, Instant.now())) {
            Log.warnf("Redis is unreachable (%s); tokens are served from this replica until it returns",
                    failure.getClass().getSimpleName());
        }
    }

    public Optional<Instant> downSince() {
        return Optional.ofNullable(downSince.get());
    }
}
