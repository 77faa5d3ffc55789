package io.phonegateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code jscode2session} as WeChat documents it (docs/wechat.md "code2Session"): a login code minted through the
 * control API answers its user's openid, session_key and (when set) unionid once; unknown or expired codes answer
 * 40029, a code already used 40163 (seen in practice, listed in WeChat's Open Platform return codes), a user past
 * {@value #DEFAULT_PER_USER_PER_MINUTE} calls a minute 45011, a user switched to high-risk 40226. Also holds the
 * errcode getuserphonenumber answers when the {@code openid} it is given is not the phone code's owner: WeChat
 * does not document it, so it is a setting ({@link #DEFAULT_FOREIGN_OPENID_ERRCODE} until changed).
 */
@ApplicationScoped
public class SimulatedLogins {

    static final int DEFAULT_PER_USER_PER_MINUTE = 100;
    /** The simulator's long-standing answer for a phone code presented with another user's openid: a guess. */
    static final int DEFAULT_FOREIGN_OPENID_ERRCODE = 40029;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int PURGE_ABOVE = 10_000;

    private record Window(Instant start, AtomicInteger calls) {
    }

    private final Map<String, MintedLogin> codes = new ConcurrentHashMap<>();
    private final Map<String, Instant> spent = new ConcurrentHashMap<>();
    private final Map<String, Window> perUser = new ConcurrentHashMap<>();
    private final Set<String> highRisk = ConcurrentHashMap.newKeySet();
    private volatile int perUserPerMinute = DEFAULT_PER_USER_PER_MINUTE;
    private volatile int foreignOpenidErrcode = DEFAULT_FOREIGN_OPENID_ERRCODE;

    String mint(MintedLogin login) {
        if (codes.size() + spent.size() > PURGE_ABOVE) {
            Instant now = Instant.now();
            codes.values().removeIf(c -> c.expiresAt().isBefore(now));
            spent.values().removeIf(expiry -> expiry.isBefore(now));
        }
        String value = SimulatedAnswer.opaque(24);
        codes.put(value, login);
        return value;
    }

    /** WeChat's answer to {@code js_code} for {@code appId}, whose secret the caller has already checked. */
    Map<String, Object> exchange(String appId, String code) {
        if (code == null || code.isBlank()) {
            return SimulatedAnswer.error(41008, "missing code");
        }
        MintedLogin login = codes.get(code);
        if (login == null || !login.appId().equals(appId)) {
            return spent.containsKey(code) && login == null
                    ? SimulatedAnswer.error(40163, "code been used")
                    : SimulatedAnswer.error(40029, "invalid code");
        }
        if (login.expiresAt().isBefore(Instant.now())) {
            codes.remove(code);
            return SimulatedAnswer.error(40029, "invalid code");
        }
        if (highRisk.contains(login.openid())) {
            return SimulatedAnswer.error(40226, "code blocked");
        }
        if (!withinUserLimit(login.openid())) {
            return SimulatedAnswer.error(45011, "api minute-quota reach limit  mustslower  retry next minute");
        }
        if (codes.remove(code, login)) {
            spent.put(code, login.expiresAt());
            return session(login);
        }
        return SimulatedAnswer.error(40163, "code been used"); // a concurrent exchange took it first
    }

    /** Spends a login code whatever it would have answered: the request reached WeChat and then failed. */
    void consume(String code) {
        if (code != null) {
            MintedLogin login = codes.remove(code);
            if (login != null) {
                spent.put(code, login.expiresAt());
            }
        }
    }

    void perUserPerMinute(int limit) {
        perUserPerMinute = limit;
    }

    void highRisk(String openid, boolean enabled) {
        if (enabled) {
            highRisk.add(openid);
        } else {
            highRisk.remove(openid);
        }
    }

    void foreignOpenidErrcode(int errcode) {
        foreignOpenidErrcode = errcode;
    }

    int foreignOpenidErrcode() {
        return foreignOpenidErrcode;
    }

    void reset() {
        codes.clear();
        spent.clear();
        perUser.clear();
        highRisk.clear();
        perUserPerMinute = DEFAULT_PER_USER_PER_MINUTE;
        foreignOpenidErrcode = DEFAULT_FOREIGN_OPENID_ERRCODE;
    }

    private boolean withinUserLimit(String openid) {
        Instant now = Instant.now();
        Window window = perUser.compute(openid, (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now)
                ? new Window(now, new AtomicInteger())
                : w);
        return window.calls().incrementAndGet() <= perUserPerMinute;
    }

    private static Map<String, Object> session(MintedLogin login) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_key", login.sessionKey());
        body.put("openid", login.openid());
        if (login.unionid() != null) {
            body.put("unionid", login.unionid());
        }
        return body;
    }
}
