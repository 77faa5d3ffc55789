package io.phonegateway.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenStoreKind;
import io.phonegateway.config.WechatApp;
import io.phonegateway.token.RedisCommands;
import io.phonegateway.token.RedisStatus;
import io.phonegateway.token.SingleFlight;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Makes a code idempotent: the first successful result is stored, encrypted, for the code's lifetime, and the
 * same code again gets the same answer without calling WeChat (which would say 40029, and the user would have
 * paid for nothing). Identical requests in flight make one WeChat call: an in-process single-flight, and across
 * replicas a short lock whose losers wait for the stored result (bounded by {@code result-cache.lock-lease}).
 * Only successes are stored; the store follows {@code phone-gateway.token.store}.
 */
@ApplicationScoped
public class ResultCache {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final ResultStore store;
    private final ResultCipher cipher;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration lockLease;
    private final SingleFlight<String, PhoneResult> inFlight = new SingleFlight<>();

    ResultCache(GatewayConfig config, Instance<ReactiveRedisDataSource> redis, RedisStatus status, ObjectMapper json) {
        this.store = config.token().store() == TokenStoreKind.REDIS
                ? new RedisResultStore(new RedisCommands(redis.get(), status, config.token().redisTimeout()))
                : new LocalResultStore();
        this.cipher = ResultCipher.of(config.resultCache().key());
        this.json = json;
        this.ttl = config.resultCache().ttl();
        this.lockLease = config.resultCache().lockLease();
    }

    /** The stored result of this code, else {@code lookup}'s, stored. */
    Uni<PhoneResult> getOrLookup(WechatApp app, String code, String openid, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup) {
        String hash = hash(app.appId(), code);
        return inFlight.run(hash + "|" + (openid == null ? "" : openid), () -> read(app, hash, openid)
                .chain(stored -> stored != null ? served(stored, trace) : acquire(app, hash, openid, trace, lookup, Instant.now().plus(lockLease))));
    }

    private Uni<PhoneResult> acquire(WechatApp app, String hash, String openid, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup, Instant giveUpWaitingAt) {
        String owner = UUID.randomUUID().toString();
        return store.lock(app.appId(), hash, owner, lockLease).chain(locked -> {
            if (locked) {
                return read(app, hash, openid) // the holder before us may just have stored it
                        .chain(stored -> stored != null ? served(stored, trace)
                                : lookup.get().call(result -> write(app, hash, openid, result)))
                        .eventually(() -> store.unlock(app.appId(), hash, owner));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(POLL_INTERVAL)
                    .chain(() -> read(app, hash, openid))
                    .chain(stored -> {
                        if (stored != null) {
                            return served(stored, trace);
                        }
                        return Instant.now().isAfter(giveUpWaitingAt)
                                ? lookup.get().call(result -> write(app, hash, openid, result))
                                : acquire(app, hash, openid, trace, lookup, giveUpWaitingAt);
                    });
        });
    }

    private Uni<PhoneResult> served(StoredResult stored, LookupTrace trace) {
        trace.servedFromResultCache();
        return Uni.createFrom().item(stored.toResult());
    }

    /** The stored result if there is one this request may have (see {@link StoredResult#servesOpenid}). */
    private Uni<StoredResult> read(WechatApp app, String hash, String openid) {
        byte[] aad = aad(app.appId(), hash);
        return store.get(app.appId(), hash).map(sealed -> {
            if (sealed == null) {
                return null;
            }
            StoredResult stored = cipher.decrypt(sealed, aad).map(this::parse).orElse(null);
            return stored != null && stored.servesOpenid(openid) ? stored : null;
        });
    }

    private Uni<Void> write(WechatApp app, String hash, String openid, PhoneResult result) {
        try {
            byte[] plain = json.writeValueAsBytes(StoredResult.of(result, openid));
            return store.put(app.appId(), hash, cipher.encrypt(plain, aad(app.appId(), hash)), ttl);
        } catch (java.io.IOException e) {
            return Uni.createFrom().voidItem(); // never fail a paid result over caching it
        }
    }

    private StoredResult parse(byte[] plain) {
        try {
            return json.readValue(plain, StoredResult.class);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static byte[] aad(String appId, String hash) {
        return (appId + ":" + hash).getBytes(StandardCharsets.UTF_8);
    }

    static String hash(String appId, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(appId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return HexFormat.of().formatHex(sha256.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
