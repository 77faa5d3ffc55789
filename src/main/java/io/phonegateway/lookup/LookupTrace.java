package io.phonegateway.lookup;

import java.util.HashMap;
import java.util.Map;

import io.phonegateway.wechat.WechatApiName;

/**
 * What happened inside one request's lookup, recorded once where it becomes known and read once, by the api
 * layer, for the request's log line and meters: each time WeChat was asked again (which API, why), and whether
 * the answer came from the result cache or from an identical lookup already in flight in this process.
 */
public final class LookupTrace {

    /** The {@code api} label of the phone exchange's retries. */
    public static final String PHONE_API = WechatApiName.GET_USER_PHONE_NUMBER.label();
    /** The {@code api} label of the login exchange's retries. */
    public static final String LOGIN_API = WechatApiName.JSCODE2SESSION.label();

    /** WeChat's {@code api} was asked again for {@code reason}. */
    public record Retry(String api, RetryReason reason) {
    }

    private final Map<Retry, Integer> retries = new HashMap<>();
    private volatile boolean fromResultCache;
    private volatile boolean joined;
    private volatile boolean sessionFromStore;
    private volatile Runnable onPaid = () -> {
    };

    synchronized void retried(String api, RetryReason reason) {
        retries.merge(new Retry(api, reason), 1, Integer::sum);
    }

    /** How often each API was asked again, by reason (a copy). */
    public synchronized Map<Retry, Integer> retriesByReason() {
        return retries.isEmpty() ? Map.of() : Map.copyOf(retries);
    }

    public synchronized int retries() {
        return retries.values().stream().mapToInt(Integer::intValue).sum();
    }

    void servedFromResultCache() {
        fromResultCache = true;
    }

    /** Answered from a stored result of the same code. */
    public boolean fromResultCache() {
        return fromResultCache;
    }

    void servedSessionFromStore() {
        sessionFromStore = true;
    }

    /** {@code /login}: the login code's session came from its stored result (no jscode2session call). */
    public boolean sessionFromStore() {
        return sessionFromStore;
    }

    /**
     * Runs {@code action} when this request's own WeChat exchange returns a phone number, which WeChat charges for:
     * also when that happens after the request was answered 504 (the lookup went on and stored it for the retry,
     * which is then served from the store, unpaid).
     */
    public void whenPaid(Runnable action) {
        onPaid = action;
    }

    void paid() {
        onPaid.run();
    }

    void joinedInFlight() {
        joined = true;
    }

    /** Shared the outcome of an identical lookup already in flight in this process (no WeChat call of its own). */
    public boolean joined() {
        return joined;
    }
}
