package io.phonegateway.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Codes minted through the control API, redeemed at most once. In bench mode every code that starts with
 * {@value #BENCH_PREFIX} is valid and reusable, so a load generator needs no minting round trip.
 */
@ApplicationScoped
public class SimulatedCodes {

    static final String BENCH_PREFIX = "bench-";
    private static final int PURGE_ABOVE = 10_000;

    private final Map<String, MintedCode> codes = new ConcurrentHashMap<>();
    private final AtomicBoolean benchMode = new AtomicBoolean();

    String mint(MintedCode code) {
        if (codes.size() > PURGE_ABOVE) {
            Instant now = Instant.now();
            codes.values().removeIf(c -> c.expiresAt().isBefore(now));
        }
        String value = SimulatedAnswer.opaque(24);
        codes.put(value, code);
        return value;
    }

    /**
     * Spends {@code code} for {@code appId} ({@code null}: whichever app it belongs to, as behind the open
     * interface): empty (WeChat's 40029) when it is unknown, spent, expired, of another app or of another
     * openid. A code presented for the wrong app stays unspent.
     */
    Optional<MintedCode> redeem(String code, String appId, String openid) {
        if (code == null) {
            return Optional.empty();
        }
        if (benchMode.get() && code.startsWith(BENCH_PREFIX)) {
            return Optional.of(benchCode(code, appId == null ? "bench" : appId));
        }
        MintedCode[] spent = new MintedCode[1];
        codes.computeIfPresent(code, (k, minted) -> {
            if ((appId != null && !minted.appId().equals(appId))
                    || (openid != null && !Objects.equals(openid, minted.openid()))) {
                return minted;
            }
            spent[0] = minted;
            return null;
        });
        MintedCode minted = spent[0];
        return minted == null || minted.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(minted);
    }

    /**
     * Whether {@code code} is a live code of {@code appId} that {@code openid} (when given) does not own: WeChat then
     * refuses it without spending it, with an errcode it does not document ({@link SimulatedLogins#foreignOpenidErrcode()}).
     */
    boolean ownedByAnother(String code, String appId, String openid) {
        if (code == null || openid == null) {
            return false;
        }
        MintedCode minted = codes.get(code);
        return minted != null && (appId == null || minted.appId().equals(appId)) && !openid.equals(minted.openid())
                && !minted.expiresAt().isBefore(Instant.now());
    }

    /** Spends a code whatever it would have answered: the request reached WeChat and then failed. */
    void consume(String code) {
        if (code != null) {
            codes.remove(code);
        }
    }

    void benchMode(boolean enabled) {
        benchMode.set(enabled);
    }

    void reset() {
        codes.clear();
        benchMode.set(false);
    }

    /** A stable CN mobile number derived from the code, so repeated bench codes answer the same number. */
    private static MintedCode benchCode(String code, String appId) {
        String digits = String.format("%08d", Math.floorMod(code.hashCode(), 100_000_000));
        String number = "138" + digits;
        return new MintedCode(appId, number, number, "86", null, false, Instant.MAX);
    }
}
