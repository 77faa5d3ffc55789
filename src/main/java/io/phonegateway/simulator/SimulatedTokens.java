package io.phonegateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.GatewayConfig;

/**
 * WeChat's token rules (docs/tokens.md): stable tokens are shared until 5 minutes before expiry and replaced
 * early only by a force refresh (20 a day, 30 s apart, else ignored), which kills the old one; every classic
 * fetch mints a new token and leaves the previous one valid for an overlap. Stable and classic never touch.
 */
@ApplicationScoped
public class SimulatedTokens {

    static final Duration CLOUDBASE_LIFETIME = Duration.ofMinutes(30);
    private static final Duration STABLE_RENEWAL = Duration.ofMinutes(5);
    private static final Duration FORCE_SPACING = Duration.ofSeconds(30);
    private static final int FORCES_PER_DAY = 20;

    record Account(String secret, Duration tokenLifetime) {
    }

    /** A token handed out, for {@code appId}, usable until {@code validUntil}. */
    record Issued(String appId, Instant validUntil) {
    }

    /** The app a presented token belongs to, or the errcode WeChat would answer. */
    record Check(String appId, int errcode, String errmsg) {
        boolean ok() {
            return errcode == 0;
        }
    }

    private record ForceLog(LocalDate day, int count, Instant last) {
    }

    private final GatewayConfig config;
    private final CallStats stats;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Issued> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Issued> cloudbaseTokens = new ConcurrentHashMap<>();
    private final Map<String, String> stableCurrent = new ConcurrentHashMap<>();
    private final Map<String, String> classicCurrent = new ConcurrentHashMap<>();
    private final Map<String, ForceLog> forces = new ConcurrentHashMap<>();
    private final AtomicBoolean openInterface = new AtomicBoolean();

    SimulatedTokens(GatewayConfig config, CallStats stats) {
        this.config = config;
        this.stats = stats;
        reset();
    }

    /** Back to the configured apps and no tokens. */
    final synchronized void reset() {
        accounts.clear();
        accessTokens.clear();
        cloudbaseTokens.clear();
        stableCurrent.clear();
        classicCurrent.clear();
        forces.clear();
        openInterface.set(false);
        Duration lifetime = config.simulator().tokenLifetime();
        config.apps().values().forEach(app -> accounts.put(app.appId(), new Account(app.appSecret().orElse(null), lifetime)));
    }

    synchronized void putAccount(String appId, String secret, Optional<Duration> tokenLifetime) {
        accounts.put(appId, new Account(secret, tokenLifetime.orElse(config.simulator().tokenLifetime())));
    }

    boolean knows(String appId) {
        return accounts.containsKey(appId);
    }

    synchronized Map<String, Object> stable(String appId, String secret, boolean force) {
        Optional<Map<String, Object>> refused = refuse(appId, secret);
        if (refused.isPresent()) {
            return refused.get();
        }
        Account account = accounts.get(appId);
        Instant now = Instant.now();
        String current = stableCurrent.get(appId);
        Issued issued = current == null ? null : accessTokens.get(current);
        Duration renewal = min(STABLE_RENEWAL, account.tokenLifetime().dividedBy(2));
        boolean stale = issued == null || issued.validUntil().minus(renewal).isBefore(now);
        if (force && forceAllowed(appId, now)) {
            if (current != null) {
                accessTokens.remove(current);
            }
            current = null;
        } else if (!stale) {
            return SimulatedAnswer.token(current, secondsBetween(now, issued.validUntil()));
        }
        String token = mint(appId, account, now, SimulatedApi.STABLE_TOKEN);
        stableCurrent.put(appId, token);
        return SimulatedAnswer.token(token, account.tokenLifetime().toSeconds());
    }

    synchronized Map<String, Object> classic(String appId, String secret) {
        Optional<Map<String, Object>> refused = refuse(appId, secret);
        if (refused.isPresent()) {
            return refused.get();
        }
        Account account = accounts.get(appId);
        Instant now = Instant.now();
        String previous = classicCurrent.get(appId);
        if (previous != null) {
            accessTokens.computeIfPresent(previous, (t, old) -> new Issued(appId,
                    min(old.validUntil(), now.plus(config.simulator().tokenOverlap()))));
        }
        String token = mint(appId, account, now, SimulatedApi.TOKEN);
        classicCurrent.put(appId, token);
        return SimulatedAnswer.token(token, account.tokenLifetime().toSeconds());
    }

    /** Cloud Hosting's open-interface service: calls without any token are let through (token mode cloud). */
    void openInterface(boolean enabled) {
        openInterface.set(enabled);
    }

    Check checkAccessToken(String token) {
        if ((token == null || token.isBlank()) && openInterface.get()) {
            return new Check(null, 0, "ok");
        }
        if (token == null || token.isBlank()) {
            return new Check(null, 41001, "access_token missing");
        }
        return check(accessTokens.get(token), 40001, "invalid credential, access_token is invalid or not latest");
    }

    Check checkCloudbaseToken(String token) {
        return check(cloudbaseTokens.get(token), 40001, "invalid credential, cloudbase_access_token is invalid");
    }

    /** A cloudbase_access_token as Cloud Hosting would push into its file. */
    String mintCloudbaseToken(String appId) {
        String token = "cb-" + SimulatedAnswer.opaque(48);
        cloudbaseTokens.put(token, new Issued(appId, Instant.now().plus(CLOUDBASE_LIFETIME)));
        return token;
    }

    private Check check(Issued issued, int unknownErrcode, String unknownMessage) {
        if (issued == null) {
            return new Check(null, unknownErrcode, unknownMessage);
        }
        if (issued.validUntil().isBefore(Instant.now())) {
            return new Check(issued.appId(), 42001, "access_token expired");
        }
        return new Check(issued.appId(), 0, "ok");
    }

    /** WeChat's answer to an appid and secret it does not accept, or empty when it accepts them. */
    Optional<Map<String, Object>> refuse(String appId, String secret) {
        if (appId == null || appId.isBlank()) {
            return Optional.of(SimulatedAnswer.error(41002, "appid missing"));
        }
        if (secret == null || secret.isBlank()) {
            return Optional.of(SimulatedAnswer.error(41004, "appsecret missing"));
        }
        Account account = accounts.get(appId);
        if (account == null) {
            return Optional.of(SimulatedAnswer.error(40013, "invalid appid"));
        }
        if (!secret.equals(account.secret())) {
            return Optional.of(SimulatedAnswer.error(40125, "invalid appsecret"));
        }
        return Optional.empty();
    }

    /** WeChat ignores a force refresh that comes within 30 s of the last one or past 20 in a (China) day. */
    private boolean forceAllowed(String appId, Instant now) {
        LocalDate today = ChinaDay.of(now);
        ForceLog log = forces.get(appId);
        if (log != null && log.day().equals(today)
                && (log.count() >= FORCES_PER_DAY || log.last().plus(FORCE_SPACING).isAfter(now))) {
            return false;
        }
        int count = log != null && log.day().equals(today) ? log.count() + 1 : 1;
        forces.put(appId, new ForceLog(today, count, now));
        return true;
    }

    private String mint(String appId, Account account, Instant now, SimulatedApi api) {
        stats.tokenIssued(api);
        String token = "sim-" + SimulatedAnswer.opaque(96);
        accessTokens.put(token, new Issued(appId, now.plus(account.tokenLifetime())));
        return token;
    }

    private static long secondsBetween(Instant from, Instant to) {
        return Math.max(1, Duration.between(from, to).toSeconds());
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
