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

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.token.SingleFlight;
import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.LoginSession;
import io.phonegateway.wechat.WechatException;
import io.smallrye.mutiny.Uni;

/**
 * Makes a code idempotent: the first successful result is stored, encrypted, for the code's lifetime, and the
 * same code again gets the same answer without calling WeChat (which would say 40029, and the user would have
 * paid for nothing). Identical requests in flight make one WeChat call: an in-process single-flight, and across
 * replicas a claim (a lock of {@code result-cache.lock-lease}, renewed while its lookup runs) whose losers wait
 * for the stored result within their own deadline. A lookup outlives its caller's deadline (its result is stored
 * for the retry), and a 40029 is answered only when nothing is stored for the code (docs/resilience.md).
 * Login sessions of {@code wx.login} codes are kept the same way ({@link #getOrLogin}).
 * Only successes are stored; the store follows {@code phone-gateway.token.store} ({@link ResultStoreProducer}).
 */
@Singleton
public class ResultCache {

    /** A waiter polls the store at first every 25 ms, then less often, at most every 200 ms (Redis load). */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final Duration MAX_POLL_INTERVAL = Duration.ofMillis(200);
    /** How soon a caller should retry a code whose lookup outlived its deadline (README "Resilience"). */
    static final Duration RETRY_SAME_CODE_AFTER = Duration.ofSeconds(1);
    private static final String LOGIN_CODE_PREFIX = "login\0";

    private final ResultStore store;
    private final ResultCipher cipher;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration lockLease;
    /** How long a request waits for another lookup of its code: its own deadline. */
    private final Duration patience;
    private final ClaimRenewals renewals;
    private final SingleFlight<String, Object> inFlight = new SingleFlight<>();

    ResultCache(GatewayConfig config, ResultStore store, ObjectMapper json, ClaimRenewals renewals) {
        this.store = store;
        this.cipher = ResultCipher.of(config.resultCache().key());
        this.json = json;
        this.ttl = config.resultCache().ttl();
        this.lockLease = config.resultCache().lockLease();
        this.patience = config.lookup().deadline();
        this.renewals = renewals;
    }

    /** The stored result of this code, else {@code lookup}'s, stored. */
    Uni<PhoneResult> getOrLookup(WechatApp app, String code, String openid, LookupTrace trace,
            Supplier<Uni<PhoneResult>> lookup) {
        String hash = hash(app.appId(), code);
        Sealing<PhoneResult> sealing = new Sealing<>(result -> StoredResult.of(result, openid), plain -> {
            StoredResult stored = parse(plain, StoredResult.class);
            return stored == null || !stored.servesOpenid(openid) ? null : stored.toResult();
        }, trace::servedFromResultCache, trace::paid);
        return inFlight.run(hash + "|" + (openid == null ? "" : openid),
                () -> claim(app, hash, lookup, sealing, Instant.now().plus(patience)), trace::joinedInFlight)
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
        }, trace::servedSessionFromStore, () -> {
        }); // jscode2session is free
        return inFlight.run(hash, () -> claim(app, hash, login, sealing, Instant.now().plus(patience)),
                trace::joinedInFlight).map(LoginSession.class::cast);
    }

    /**
     * How one kind of result is sealed and read back ({@code served} is null when this request may not have it),
     * and what is told when it is served from the store, or when WeChat produced it (and charged for it).
     */
    private record Sealing<T>(Function<T, Object> stored, Function<byte[], T> served, Runnable onServed, Runnable onPaid) {
    }

    private <T> Uni<Object> claim(WechatApp app, String hash, Supplier<Uni<T>> lookup, Sealing<T> sealing,
            Instant giveUpAt) {
        String owner = UUID.randomUUID().toString();
        return store.claim(app.appId(), hash, owner, lockLease).chain(claim -> {
            if (claim.stored() != null) {
                return servedOr(app, hash, claim.stored(), lookup, sealing);
            }
            if (claim.locked()) {
                return lookupAndStore(app, hash, lookup, sealing, owner, giveUpAt);
            }
            return waitForOther(app, hash, lookup, sealing, giveUpAt, POLL_INTERVAL);
        });
    }

    /**
     * Another lookup of this code holds its claim (on another replica, or one that outlived its caller's deadline
     * here): wait for its result for as long as it runs, within this request's deadline. When it ends without a
     * result, or its replica died and the claim lapsed, this request claims the code itself.
     */
    private <T> Uni<Object> waitForOther(WechatApp app, String hash, Supplier<Uni<T>> lookup, Sealing<T> sealing,
            Instant giveUpAt, Duration poll) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(poll)
                .chain(() -> store.peek(app.appId(), hash, ""))
                .chain(peek -> {
                    if (peek.stored() != null) {
                        return servedOr(app, hash, peek.stored(), lookup, sealing);
                    }
                    if (!peek.otherRunning()) {
                        return claim(app, hash, lookup, sealing, giveUpAt);
                    }
                    return Instant.now().isAfter(giveUpAt)
                            ? Uni.createFrom().failure(stillRunning())
                            : waitForOther(app, hash, lookup, sealing, giveUpAt, longer(poll));
                });
    }

    /**
     * Runs the lookup under the caller's claim (renewed while it runs, so a retry anywhere waits for it) and stores
     * its result. A lookup is never cut short by its caller's deadline: WeChat may charge for its answer, which is
     * then stored for the retry. WeChat's "code spent" (40029) is checked against the store first: a result stored
     * by an earlier lookup of the code always wins.
     */
    private <T> Uni<Object> lookupAndStore(WechatApp app, String hash, Supplier<Uni<T>> lookup, Sealing<T> sealing,
            String owner, Instant giveUpAt) {
        ClaimRenewals.Renewal renewal = renewals.keep(app.appId(), hash, owner);
        return Uni.createFrom().<T> deferred(lookup::get)
                .invoke(sealing.onPaid())
                .onFailure(ResultCache::saysCodeSpent)
                .recoverWithUni(spent -> storedAfterOthers(app, hash, owner, sealing, giveUpAt, spent))
                .onFailure().call(() -> store.release(app.appId(), hash, owner))
                // WeChat charged for this result: storing it may fail, handing it over may not
                .call(result -> Uni.createFrom().deferred(
                        () -> store.store(app.appId(), hash, seal(app, hash, sealing.stored().apply(result)), ttl, owner))
                        .onFailure().recoverWithNull())
                .onTermination().invoke(renewal::stop)
                .map(Object.class::cast);
    }

    /**
     * The result stored for this code once no other lookup of it runs any more, else {@code spent}: WeChat says
     * 40029 to the second exchange of a code, so a 40029 is only final when nothing was stored for the code.
     */
    private <T> Uni<T> storedAfterOthers(WechatApp app, String hash, String owner, Sealing<T> sealing, Instant giveUpAt,
            Throwable spent) {
        return store.peek(app.appId(), hash, owner).chain(peek -> {
            if (peek.stored() != null) {
                T served = open(app, hash, peek.stored(), sealing);
                if (served != null) {
                    sealing.onServed().run();
                    return Uni.createFrom().item(served);
                }
                return Uni.createFrom().failure(spent);
            }
            if (peek.otherRunning() && Instant.now().isBefore(giveUpAt)) {
                return Uni.createFrom().voidItem().onItem().delayIt().by(MAX_POLL_INTERVAL)
                        .chain(() -> storedAfterOthers(app, hash, owner, sealing, giveUpAt, spent));
            }
            return Uni.createFrom().failure(spent);
        });
    }

    private static Duration longer(Duration poll) {
        Duration doubled = poll.multipliedBy(2);
        return doubled.compareTo(MAX_POLL_INTERVAL) > 0 ? MAX_POLL_INTERVAL : doubled;
    }

    /** WeChat's "this code does not exist, expired or was used", directly or after a lost answer. */
    private static boolean saysCodeSpent(Throwable failure) {
        return failure instanceof WechatException w && w.kind() == ErrorKind.INVALID_CODE
                || failure instanceof GatewayException g && (g.code() == ProblemCode.CODE_POSSIBLY_CONSUMED
                        || g.code() == ProblemCode.LOGIN_CODE_POSSIBLY_CONSUMED);
    }

    /** The 504 of a request that waited its whole deadline for another lookup of the same code. */
    static GatewayException stillRunning() {
        return GatewayException.of(ProblemCode.UPSTREAM_TIMEOUT, "Another lookup of this code is still waiting for"
                + " WeChat; retry the same code shortly: its result is kept for the retry")
                .retryAfter(RETRY_SAME_CODE_AFTER);
    }

    /**
     * The stored result if this request may have it; else (another openid, or not sealed under this key) the
     * request goes to WeChat like a first one, which decides.
     */
    private <T> Uni<Object> servedOr(WechatApp app, String hash, byte[] sealed, Supplier<Uni<T>> lookup, Sealing<T> sealing) {
        T served = open(app, hash, sealed, sealing);
        if (served == null) {
            return lookup.get().invoke(sealing.onPaid()).map(Object.class::cast);
        }
        sealing.onServed().run();
        return Uni.createFrom().item(served);
    }

    private <T> T open(WechatApp app, String hash, byte[] sealed, Sealing<T> sealing) {
        return cipher.decrypt(sealed, aad(app.appId(), hash)).map(sealing.served()).orElse(null);
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
