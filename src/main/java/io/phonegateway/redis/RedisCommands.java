package io.phonegateway.redis;

import java.time.Duration;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis commands with a deadline: an answer within {@code timeout} or a {@link RedisDown} failure, and the
 * replica's {@link RedisStatus} kept up to date either way. No lookup ever hangs on Redis.
 */
public final class RedisCommands {

    /** Redis did not answer (refused, reset, or too slow). */
    public static final class RedisDown extends RuntimeException {
        RedisDown(Throwable cause) {
            super("Redis unavailable", cause, false, false);
        }
    }

    private final ReactiveRedisDataSource redis;
    private final RedisStatus status;
    private final Duration timeout;

    public RedisCommands(ReactiveRedisDataSource redis, RedisStatus status, Duration timeout) {
        this.redis = redis;
        this.status = status;
        this.timeout = timeout;
    }

    public Uni<Response> execute(String command, String... args) {
        return Uni.createFrom().deferred(() -> redis.execute(command, args))
                .ifNoItem().after(timeout).fail()
                .onItem().invoke(status::up)
                .onFailure().transform(failure -> {
                    status.down(failure);
                    return new RedisDown(failure);
                });
    }
}
