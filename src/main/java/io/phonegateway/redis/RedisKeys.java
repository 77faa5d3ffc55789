package io.phonegateway.redis;

import java.time.LocalDate;
import java.util.Locale;

import io.phonegateway.config.TokenMode;

/**
 * The one place that names phone-gateway's Redis keys. The appid sits in a hash tag, so every key of one
 * app lives in one Redis Cluster slot and a Lua script may touch them together; the token mode is part of
 * the token's key, so switching modes never serves the other mode's token.
 */
public final class RedisKeys {

    private static final String PREFIX = "phone-gateway:";

    private RedisKeys() {
    }

    /** An app's access token of one token mode. */
    public static String token(String appId, TokenMode mode) {
        return app(appId) + ":token:" + mode.name().toLowerCase(Locale.ROOT);
    }

    /** The fleet-wide lock of one token's refresh. */
    public static String tokenLock(String appId, TokenMode mode) {
        return token(appId, mode) + ":lock";
    }

    /** Forced refreshes of one WeChat day (WeChat counts its quotas per day in China time). */
    public static String forceRefreshBudget(String appId, TokenMode mode, LocalDate chinaDay) {
        return token(appId, mode) + ":force-refresh:" + chinaDay;
    }

    /** A code's stored result. The code itself never appears in a key: only sha256 of appid and code. */
    public static String codeResult(String appId, String codeHash) {
        return app(appId) + ":code:" + codeHash;
    }

    /** Single-flight of one code across the fleet. */
    public static String codeLock(String appId, String codeHash) {
        return codeResult(appId, codeHash) + ":lock";
    }

    /** The ledger of one app and China day: a hash of {@code caller|component|paid} and {@code ...|saved} counts. */
    public static String ledgerDay(String appId, LocalDate chinaDay) {
        return app(appId) + ":ledger:" + chinaDay;
    }

    /** The marker of one batch of ledger counts, so a batch sent twice is added once. */
    public static String ledgerBatch(String appId, String batchId) {
        return app(appId) + ":ledger:batch:" + batchId;
    }

    /** WeChat's used count and the ledger's paid count of one component, as first seen on a China day. */
    public static String ledgerBaseline(String appId, LocalDate chinaDay, String component) {
        return ledgerDay(appId, chinaDay) + ":wechat-baseline:" + component;
    }

    /** A caller's rate-limit state; the caller in a hash tag, like the appid of the app keys. */
    public static String rateLimit(String caller) {
        return PREFIX + "rate:{" + caller + "}";
    }

    /** The failed-authentication count of one client address, apart from every caller's rate-limit state. */
    public static String failedAuthentications(String address) {
        return PREFIX + "auth-failures:{" + address + "}";
    }

    /** {@code phone-gateway:{wx4f4bc4dec97d474b}} */
    public static String app(String appId) {
        return PREFIX + "{" + appId + "}";
    }
}
