package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Base64;

import io.phonegateway.redis.LuaScripts;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Results in Redis under {@code phone-gateway:{appid}:code:<sha256>} (base64 ciphertext, expiring with the
 * code) and a {@code SET NX PX} lock beside it, both handled by Lua scripts so a lookup costs two round trips.
 * Redis trouble never fails a lookup: a failed claim lets this replica go ahead (its in-process single-flight
 * still holds), a failed store is logged, and the caller gets the result WeChat gave anyway.
 */
final class RedisResultStore implements ResultStore {

    private final RedisCommands redis;

    RedisResultStore(RedisCommands redis) {
        this.redis = redis;
    }

    @Override
    public Uni<Claim> claim(String appId, String codeHash, String owner, Duration lease) {
        return redis.execute("EVAL", LuaScripts.CODE_CLAIM, "2", RedisKeys.codeResult(appId, codeHash),
                RedisKeys.codeLock(appId, codeHash), owner, Long.toString(lease.toMillis()))
                .map(reply -> switch (reply.get(0).toInteger()) {
                    case 1 -> new Claim(Base64.getDecoder().decode(reply.get(1).toString()), false);
                    case 2 -> Claim.LOCKED;
                    default -> Claim.BUSY;
                })
                .onFailure(RedisCommands.RedisDown.class).recoverWithItem(Claim.LOCKED);
    }

    @Override
    public Uni<byte[]> get(String appId, String codeHash) {
        return redis.execute("GET", RedisKeys.codeResult(appId, codeHash))
                .map(reply -> reply == null ? null : Base64.getDecoder().decode(reply.toString()))
                .onFailure(RedisCommands.RedisDown.class).recoverWithNull();
    }

    @Override
    public Uni<Void> store(String appId, String codeHash, byte[] value, Duration ttl, String owner) {
        return redis.execute("EVAL", LuaScripts.CODE_STORE, "2", RedisKeys.codeResult(appId, codeHash),
                RedisKeys.codeLock(appId, codeHash), Base64.getEncoder().encodeToString(value),
                Long.toString(ttl.toMillis()), owner)
                .onFailure().invoke(failure -> Log.warnf("a result could not be stored in Redis (%s); the caller has it,"
                        + " a repeated request with the same code will reach WeChat", failure.getClass().getSimpleName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String appId, String codeHash, String owner) {
        return redis.execute("EVAL", LuaScripts.LOCK_RELEASE, "1", RedisKeys.codeLock(appId, codeHash), owner)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
