package io.phonegateway.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis commands with a deadline: an answer within {@code timeout} or a {@link RedisDown} failure naming the
 * {@link RedisFailure} kind, and the replica's {@link RedisStatus} kept up to date either way. No lookup ever
 * hangs on Redis. Scripts go through {@link #eval}: {@code EVALSHA}, and the source only where the server does
 * not have it. Every command names its keys, so a Redis Cluster routes it to the one slot they share; there is
 * no {@code MULTI} and no pipeline: a script is the only way two keys change together.
 * <p>
 * Commands go to the Redis client bean, not the Redis data source: injecting the data source makes Quarkus build a
 * second, never used client (docs/redis.md "Redis client, not data source").
 */
public final class RedisCommands {

    /** A Redis command failed: no answer, or an answer that is an error. */
    public static final class RedisDown extends RuntimeException {

        private final RedisFailure failure;

        RedisDown(RedisFailure failure, Throwable cause) {
            super("Redis failed: " + failure.describe(), cause, false, false);
            this.failure = failure;
        }

        public RedisFailure failure() {
            return failure;
        }
    }

    private final Redis redis;
    private final RedisStatus status;
    private final Duration timeout;

    public RedisCommands(Redis redis, RedisStatus status, Duration timeout) {
        this.redis = redis;
        this.status = status;
        this.timeout = timeout;
    }

    public Uni<Response> execute(String command, String... args) {
        return send(command, args)
                .onItem().invoke(status::up)
                .onFailure().transform(this::failed);
    }

    /**
     * Runs {@code script} on {@code keys} (all in one hash tag: one cluster slot) with {@code args}:
     * {@code EVALSHA}, then {@code EVAL} with the source if this server answers {@code NOSCRIPT}. The deadline
     * covers both.
     */
    public Uni<Response> eval(LuaScript script, List<String> keys, String... args) {
        requireOneSlot(script, keys);
        return Uni.createFrom().deferred(() -> send(redis, Command.EVALSHA, arguments(script.sha1(), keys, args))
                .onFailure(failure -> RedisFailure.of(failure).noScript())
                .recoverWithUni(() -> send(redis, Command.EVAL, arguments(script.source(), keys, args))))
                .ifNoItem().after(timeout).fail()
                .onItem().invoke(status::up)
                .onFailure().transform(this::failed);
    }

    private Uni<Response> send(String command, String... args) {
        return Uni.createFrom().deferred(() -> send(redis, Command.create(command), args)).ifNoItem().after(timeout).fail();
    }

    /**
     * The one place a request is built: {@code command} with {@code args}, sent as is (no deadline, no status). The
     * scripts' commands are the client's constants: the hot path makes no command object per call.
     */
    static Uni<Response> send(Redis redis, Command command, String... args) {
        Request request = Request.cmd(command);
        for (String arg : args) {
            request.arg(arg);
        }
        return redis.send(request);
    }

    private RedisDown failed(Throwable failure) {
        return failure instanceof RedisDown down ? down : new RedisDown(status.down(failure), failure);
    }

    private static String[] arguments(String scriptOrSha, List<String> keys, String... args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.length);
        all.add(scriptOrSha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** A script whose keys span slots fails on a Cluster (CROSSSLOT): a programming error, caught in every test. */
    static void requireOneSlot(LuaScript script, List<String> keys) {
        String tag = null;
        for (String key : keys) {
            String own = hashTag(key);
            if (own == null || tag != null && !tag.equals(own)) {
                throw new IllegalArgumentException("the keys of " + script + " must share one {hash tag}: " + keys);
            }
            tag = own;
        }
    }

    /** What Redis Cluster hashes: the text between the first {@code {} and the next {@code }}, if not empty. */
    static String hashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : null;
    }
}
