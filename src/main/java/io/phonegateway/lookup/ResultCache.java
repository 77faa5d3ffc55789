package io.phonegateway.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.token.SingleFlight;
import io.phonegateway.wechat.LoginSession;
import io.smallrye.mutiny.Uni;

/**
 * Makes a code idempotent: the first successful result is stored, encrypted, for the code's lifetime, and the
 * same code again gets the same answer without calling WeChat (which would say 40029, and the user would have
 * paid for nothing). Identical requests in flight make one WeChat call: an in-process single-flight, and across
 * replicas a short lock whose losers wait for the stored result (bounded by {@code result-cache.lock-lease}).
 * Login sessions of {@code wx.login} codes are kept the same way ({@link #getOrLogin}).
 * Only successes are stored; the store follows {@code phone-gateway.token.store} ({@link ResultStoreProducer}).
 */
@ApplicationScoped
public class ResultCache {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final String LOGIN_CODE_PREFIX = "login\0";

    private final ResultStore store;
    private final ResultCipher cipher;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration lockLease;
    private final SingleFlight<String, Object> inFlight = new SingleFlight<>();

    ResultCache(GatewayConfig config, ResultStore store, ObjectMapper json) {
        this.store = store;
        this.cipher = ResultCipher.of(config.resultCache().key());
        this.json = json;
        this.ttl = config.resultCache().ttl();
        this.lockLease = config.resultCache().lockLease();
    }

    /** The stored result of this code, else {@code lookup}'s, stored. */
    Uni<PhoneResult> getOrLookup(WechatApp app, String code, String openid, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup) {
        String hash = hash(app.appId(), code);
        Sealing<PhoneResult> sealing = new Sealing<>(result -> StoredResult.of(result, openid), plain -> {
            StoredResult stored = parse(plain, StoredResult.class);
            return stored == null || !stored.servesOpenid(openid) ? null : stored.toResult();
        }, trace::servedFromResultCache);
        return inFlight.run(hash + "|" + (openid == null ? "" : openid),
                () -> claim(app, hash, trace, lookup, sealing, Instant.now().plus(lockLease)), trace::joinedInFlight)
                .map(PhoneResult.class::cast);
    }

    /**
     * The stored session of this {@code wx.login} code, else {@code login}'s, stored, the same way as phone results:
     * a login code is as single-use as a phone code. Stored under the hash of {@code "login\0" + code}, which no
     * phone code (visible ASCII only) can share.
     */
    Uni<LoginSession> getOrLogin(WechatApp app, String loginCode, LookupTrace trace, Supplier<Uni<LoginSession>> login) {
        String hash = hash(app.appId(), LOGIN_CODE_PREFIX + loginCode);
        Sealing<LoginSession> sealing = new Sealing<>(StoredSession::of, plain -> {
            StoredSession stored = parse(plain, StoredSession.class);
            return stored == null ? null : stored.toSession();
        }, trace::servedSessionFromStore);
        return inFlight.run(hash, () -> claim(app, hash, trace, login, sealing, Instant.now().plus(lockLease)),
                trace::joinedInFlight).map(LoginSession.class::cast);
    }

    /** How one kind of result is sealed and read back; {@code served} is null when this request may not have it. */
    private record Sealing<T>(Function<T, Object> stored, Function<byte[], T> served, Runnable onServed) {
    }

    private <T> Uni<Object> claim(WechatApp app, String hash, LookupTrace trace, Supplier<Uni<T>> lookup,
            Sealing<T> sealing, Instant giveUpWaitingAt) {
        String owner = UUID.randomUUID().toString();
        return store.claim(app.appId(), hash, owner, lockLease).chain(claim -> {
            if (claim.stored() != null) {
                return servedOr(app, hash, claim.stored(), lookup, sealing);
            }
            if (claim.locked()) {
                return lookupAndStore(app, hash, lookup, sealing, owner);
            }
            return waitForOther(app, hash, trace, lookup, sealing, giveUpWaitingAt);
        });
    }

    /** Another replica holds the code's lock: wait for its result; once the lease has passed, go ahead. */
    private <T> Uni<Object> waitForOther(WechatApp app, String hash, LookupTrace trace, Supplier<Uni<T>> lookup,
            Sealing<T> sealing, Instant giveUpWaitingAt) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL_INTERVAL)
                .chain(() -> store.get(app.appId(), hash))
                .chain(sealed -> {
                    if (sealed != null) {
                        return servedOr(app, hash, sealed, lookup, sealing);
                    }
                    return Instant.now().isAfter(giveUpWaitingAt)
                            ? lookupAndStore(app, hash, lookup, sealing, "")
                            : claim(app, hash, trace, lookup, sealing, giveUpWaitingAt);
                });
    }

    private <T> Uni<Object> lookupAndStore(WechatApp app, String hash, Supplier<Uni<T>> lookup, Sealing<T> sealing,
            String owner) {
        return lookup.get()
                .onFailure().call(() -> store.release(app.appId(), hash, owner))
                // WeChat charged for this result: storing it may fail, handing it over may not
                .call(result -> Uni.createFrom().deferred(
                        () -> store.store(app.appId(), hash, seal(app, hash, sealing.stored().apply(result)), ttl, owner))
                        .onFailure().recoverWithNull())
                .map(Object.class::cast);
    }

    /**
     * The stored result if this request may have it; else (another openid, or not sealed under this key) the
     * request goes to WeChat like a first one, which decides.
     */
    private <T> Uni<Object> servedOr(WechatApp app, String hash, byte[] sealed, Supplier<Uni<T>> lookup, Sealing<T> sealing) {
        T served = cipher.decrypt(sealed, aad(app.appId(), hash)).map(sealing.served()).orElse(null);
        if (served == null) {
            return lookup.get().map(Object.class::cast);
        }
        sealing.onServed().run();
        return Uni.createFrom().item(served);
    }

    private byte[] seal(WechatApp app, String hash, Object stored) {
        try {
            return cipher.encrypt(json.writeValueAsBytes(stored), aad(app.appId(), hash));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a result could not be serialized", e);
        }
    }

    private <S> S parse(byte[] plain, Class<S> type) {
        try {
            return json.readValue(plain, type);
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
