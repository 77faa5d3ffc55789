package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Base64;

import io.phonegateway.token.LuaScripts;
import io.phonegateway.token.RedisCommands;
import io.phonegateway.token.RedisKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Results in Redis under {@code phone-gateway:{appid}:code:<sha256>} (base64 ciphertext, expiring with the
 * code) and a {@code SET NX PX} lock beside it. Redis trouble never fails a lookup: a failed read is a miss,
 * a failed lock lets this replica go ahead (its in-process single-flight still holds), a failed write is
 * logged, and the caller gets the result WeChat gave anyway.
 */
final class RedisResultStore implements ResultStore {

    private final RedisCommands redis;

    RedisResultStore(RedisCommands redis) {
        this.redis = redis;
    }

    @Override
    public Uni<byte[]> get(String appId, String codeHash) {
        return redis.execute("GET", RedisKeys.codeResult(appId, codeHash))
                .map(reply -> reply == null ? null : Base64.getDecoder().decode(reply.toString()))
                .onFailure(RedisCommands.RedisDown.class).recoverWithNull();
    }

    @Override
    public Uni<Void> put(String appId, String codeHash, byte[] value, Duration ttl) {
        return redis.execute("SET", RedisKeys.codeResult(appId, codeHash), Base64.getEncoder().encodeToString(value),
                "PX", Long.toString(ttl.toMillis()))
                .onFailure().invoke(failure -> Log.warnf("a result could not be stored in Redis (%s); the caller has it,"
                        + " a repeated request with the same code will reach WeChat", failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Override
    public Uni<Boolean> lock(String appId, String codeHash, String owner, Duration lease) {
        return redis.execute("SET", RedisKeys.codeLock(appId, codeHash), owner, "NX", "PX", Long.toString(lease.toMillis()))
                .map(reply -> reply != null)
                .onFailure(RedisCommands.RedisDown.class).recoverWithItem(true);
    }

    @Override
    public Uni<Void> unlock(String appId, String codeHash, String owner) {
        return redis.execute("EVAL", LuaScripts.LOCK_RELEASE, "1", RedisKeys.codeLock(appId, codeHash), owner)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
