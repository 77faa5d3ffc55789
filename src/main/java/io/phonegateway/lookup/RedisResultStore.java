package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.phonegateway.redis.LuaScripts;
import io.phonegateway.redis.RedisCommands;
import io.phonegateway.redis.RedisKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Results in Redis under {@code phone-gateway:{appid}:code:<sha256>} (base64 ciphertext, expiring with the
 * code) and a {@code SET NX PX} lock beside it, renewed by its owner while the lookup runs; all handled by Lua
 * scripts, so a lookup costs two round trips (and one more per lease third of a slow WeChat call).
 * Redis trouble never fails a lookup: a failed claim lets this replica go ahead (its in-process single-flight
 * still holds), a failed store is logged, and the caller gets the result WeChat gave anyway.
 */
final class RedisResultStore implements ResultStore {

    private static final Duration STORE_BACKOFF = Duration.ofMillis(200);
    private static final Duration STORE_MAX_BACKOFF = Duration.ofSeconds(2);
    private static final int STORE_RETRIES = 4;

    private final RedisCommands redis;

    RedisResultStore(RedisCommands redis) {
        this.redis = redis;
    }

    @Override
    public Uni<Claim> claim(String appId, String codeHash, String owner, Duration lease) {
        return redis.eval(LuaScripts.CODE_CLAIM, List.of(RedisKeys.codeResult(appId, codeHash),
                RedisKeys.codeLock(appId, codeHash)), owner, Long.toString(lease.toMillis()))
                .map(reply -> switch (reply.get(0).toInteger()) {
                    case 1 -> new Claim(Base64.getDecoder().decode(reply.get(1).toString()), false);
                    case 2 -> Claim.LOCKED;
                    default -> Claim.BUSY;
                })
                .onFailure(RedisCommands.RedisDown.class).recoverWithItem(Claim.LOCKED);
    }

    @Override
    public Uni<Boolean> renew(String appId, String codeHash, String owner, Duration lease) {
        return redis.eval(LuaScripts.CODE_RENEW, List.of(RedisKeys.codeLock(appId, codeHash)), owner,
                Long.toString(lease.toMillis()))
                .map(reply -> reply.toInteger() == 1)
                .onFailure().recoverWithItem(false);
    }

    @Override
    public Uni<Peek> peek(String appId, String codeHash, String owner) {
        return redis.eval(LuaScripts.CODE_PEEK, List.of(RedisKeys.codeResult(appId, codeHash),
                RedisKeys.codeLock(appId, codeHash)), owner)
                .map(reply -> switch (reply.get(0).toInteger()) {
                    case 1 -> new Peek(Base64.getDecoder().decode(reply.get(1).toString()), false);
                    case 2 -> Peek.RUNNING;
                    default -> Peek.NOTHING;
                })
                .onFailure(RedisCommands.RedisDown.class).recoverWithItem(Peek.NOTHING);
    }

    @Override
    public Uni<Void> store(String appId, String codeHash, byte[] value, Duration ttl, String owner) {
        return redis.eval(LuaScripts.CODE_STORE, List.of(RedisKeys.codeResult(appId, codeHash),
                RedisKeys.codeLock(appId, codeHash)), Base64.getEncoder().encodeToString(value),
                Long.toString(ttl.toMillis()), owner)
                // WeChat charged for this value: a busy moment of Redis must not cost it (the claim is kept meanwhile)
                .onFailure().retry().withBackOff(STORE_BACKOFF, STORE_MAX_BACKOFF).atMost(STORE_RETRIES)
                .onFailure().invoke(failure -> Log.warnf("a result could not be stored in Redis (%s); the caller has it,"
                        + " a repeated request with the same code will reach WeChat", describe(failure)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String describe(Throwable failure) {
        return failure instanceof RedisCommands.RedisDown down ? down.failure().describe() : failure.toString();
    }

    @Override
    public Uni<Void> release(String appId, String codeHash, String owner) {
        return redis.eval(LuaScripts.LOCK_RELEASE, List.of(RedisKeys.codeLock(appId, codeHash)), owner)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
