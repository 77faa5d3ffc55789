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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.token.SingleFlight;
import io.smallrye.mutiny.Uni;

/**
 * Makes a code idempotent: the first successful result is stored, encrypted, for the code's lifetime, and the
 * same code again gets the same answer without calling WeChat (which would say 40029, and the user would have
 * paid for nothing). Identical requests in flight make one WeChat call: an in-process single-flight, and across
 * replicas a short lock whose losers wait for the stored result (bounded by {@code result-cache.lock-lease}).
 * Only successes are stored; the store follows {@code phone-gateway.token.store} ({@link ResultStoreProducer}).
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
        return inFlight.run(hash + "|" + (openid == null ? "" : openid),
                () -> claim(app, hash, openid, trace, lookup, Instant.now().plus(lockLease)), trace::joinedInFlight);
    }

    private Uni<PhoneResult> claim(WechatApp app, String hash, String openid, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup, Instant giveUpWaitingAt) {
        String owner = UUID.randomUUID().toString();
        return store.claim(app.appId(), hash, owner, lockLease).chain(claim -> {
            if (claim.stored() != null) {
                return servedOr(app, hash, openid, claim.stored(), trace, lookup);
            }
            if (claim.locked()) {
                return lookupAndStore(app, hash, openid, lookup, owner);
            }
            return waitForOther(app, hash, openid, trace, lookup, giveUpWaitingAt);
        });
    }

    /** Another replica holds the code's lock: wait for its result; once the lease has passed, go ahead. */
    private Uni<PhoneResult> waitForOther(WechatApp app, String hash, String openid, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup, Instant giveUpWaitingAt) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL_INTERVAL)
                .chain(() -> store.get(app.appId(), hash))
                .chain(sealed -> {
                    if (sealed != null) {
                        return servedOr(app, hash, openid, sealed, trace, lookup);
                    }
                    return Instant.now().isAfter(giveUpWaitingAt)
                            ? lookupAndStore(app, hash, openid, lookup, "")
                            : claim(app, hash, openid, trace, lookup, giveUpWaitingAt);
                });
    }

    private Uni<PhoneResult> lookupAndStore(WechatApp app, String hash, String openid, Supplier<Uni<PhoneResult>> lookup,
            String owner) {
        return lookup.get()
                .onFailure().call(() -> store.release(app.appId(), hash, owner))
                // WeChat charged for this result: storing it may fail, handing it over may not
                .call(result -> Uni.createFrom().deferred(
                        () -> store.store(app.appId(), hash, seal(app, hash, openid, result), ttl, owner))
                        .onFailure().recoverWithNull());
    }

    /**
     * The stored result if this request may have it; else (another openid, or not sealed under this key) the
     * request goes to WeChat like a first one, which decides.
     */
    private Uni<PhoneResult> servedOr(WechatApp app, String hash, String openid, byte[] sealed, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup) {
        StoredResult stored = cipher.decrypt(sealed, aad(app.appId(), hash)).map(this::parse).orElse(null);
        if (stored == null || !stored.servesOpenid(openid)) {
            return lookup.get();
        }
        trace.servedFromResultCache();
        return Uni.createFrom().item(stored.toResult());
    }

    private byte[] seal(WechatApp app, String hash, String openid, PhoneResult result) {
        try {
            return cipher.encrypt(json.writeValueAsBytes(StoredResult.of(result, openid)), aad(app.appId(), hash));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a result could not be serialized", e);
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
