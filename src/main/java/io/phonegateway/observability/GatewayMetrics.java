package io.phonegateway.observability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.config.TokenStoreKind;
import io.phonegateway.lookup.ProblemCode;
import io.phonegateway.token.AccessToken;
import io.phonegateway.token.RedisStatus;
import io.phonegateway.wechat.ChargeUsage;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.phonegateway.wechat.WechatApiName;
import io.quarkus.runtime.Startup;

/**
 * Every meter of phone-gateway, by name, in one place (CONTRACT §4, README "Observability"). Label values are
 * bounded: an {@code app} is a configured app's name (or {@value #UNKNOWN_APP}), an {@code errcode} is a
 * catalogued errcode or a fixed word, an {@code outcome} a {@link ProblemCode}. Never a code, phone, openid
 * or free text. Timers publish fixed SLO buckets rather than Micrometer's ~70 percentile buckets.
 */
@Startup
@Singleton
public class GatewayMetrics {

    /** The {@code app} label of a lookup whose app could not be resolved. */
    public static final String UNKNOWN_APP = "unknown";

    /** Reasons of {@code phone_gateway_retries_total}; pre-registered at zero so that rates and alerts see them. */
    public static final String RETRY_TOKEN_REJECTED = "token_rejected";
    public static final String RETRY_BUSY = "busy";
    public static final String RETRY_TRANSPORT = "transport";
    /** An attempt whose answer was lost (it may have reached WeChat) was repeated once. */
    public static final String RETRY_LOST_ANSWER = "lost_answer";

    static final String LOOKUPS = "phone_gateway.lookups";
    static final String LOOKUP_SECONDS = "phone_gateway.lookup";
    static final String LOOKUPS_IN_FLIGHT = "phone_gateway.lookups.in.flight";
    static final String WECHAT_CALLS = "phone_gateway.wechat.calls";
    static final String WECHAT_CALL_SECONDS = "phone_gateway.wechat.call";
    static final String TOKEN_FETCHES = "phone_gateway.token.fetches";
    static final String TOKEN_LOCK_WAIT = "phone_gateway.token.lock.wait";
    static final String TOKEN_AGE = "phone_gateway.token.age";
    static final String TOKEN_EXPIRES_IN = "phone_gateway.token.expires.in";
    static final String FORCE_REFRESH_REMAINING = "phone_gateway.token.force.refresh.remaining";
    static final String RETRIES = "phone_gateway.retries";
    static final String RESULT_CACHE_HITS = "phone_gateway.result.cache.hits";
    static final String CIRCUIT_BREAKER_STATE = "phone_gateway.circuit.breaker.state";
    static final String STORE_DEGRADED = "phone_gateway.token.store.degraded";
    static final String PAID_QUOTA_LIMIT = "phone_gateway.paid.quota.limit";
    static final String PAID_QUOTA_USED = "phone_gateway.paid.quota.used";
    static final String PAID_QUOTA_REMAINING = "phone_gateway.paid.quota.remaining";
    static final String PAID_QUOTA_POLLS = "phone_gateway.paid.quota.polls";

    private static final Duration[] REQUEST_BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
        ms(1000), ms(2000), ms(3000), ms(5000), ms(10_000)};
    private static final Duration[] LOCK_BUCKETS = {ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
        ms(2500), ms(5000)};
    private static final ZoneId WECHAT_ZONE = ZoneId.of("Asia/Shanghai");

    private record ForceRefreshDay(LocalDate day, int used) {
    }

    private final MeterRegistry registry;
    private final Map<String, String> appNames;
    private final int forceRefreshDailyLimit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AccessToken> heldTokens = new ConcurrentHashMap<>();
    private final Map<String, ForceRefreshDay> forceRefreshes = new ConcurrentHashMap<>();
    private final Map<String, ChargeUsage> paidQuotas = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, GatewayConfig config, RedisStatus redis) {
        this.registry = registry;
        this.appNames = new ConcurrentHashMap<>();
        config.apps().forEach((name, app) -> appNames.putIfAbsent(app.appId(), name));
        this.forceRefreshDailyLimit = config.token().forceRefreshDailyLimit();
        Gauge.builder(LOOKUPS_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Lookups of POST /phone being served right now").register(registry);
        if (config.token().store() == TokenStoreKind.REDIS) {
            Gauge.builder(STORE_DEGRADED, redis, r -> r.downSince().isPresent() ? 1 : 0)
                    .description("1 while this replica's last Redis command failed: tokens served from this replica alone")
                    .register(registry);
        }
        boolean fetchesTokens = config.token().mode() == TokenMode.STABLE || config.token().mode() == TokenMode.CLASSIC;
        for (String app : config.apps().keySet()) {
            preRegister(app, fetchesTokens);
        }
        for (WechatApiName api : WechatApiName.values()) {
            wechatCallsCounter(api, "0");
        }
        for (String reason : new String[] {RETRY_TOKEN_REJECTED, RETRY_BUSY, RETRY_TRANSPORT, RETRY_LOST_ANSWER}) {
            retriesCounter(WechatApiName.GET_USER_PHONE_NUMBER.label(), reason);
        }
    }

    /** Counters every alert and dashboard relies on exist at zero from the start: no "no data" before the first event. */
    private void preRegister(String app, boolean fetchesTokens) {
        lookupsCounter(app, "ok");
        for (ProblemCode code : ProblemCode.values()) {
            lookupsCounter(app, code.outcome());
        }
        Counter.builder(RESULT_CACHE_HITS).tag("app", app)
                .description("Lookups answered from the result cache (same code again within its lifetime)")
                .register(registry);
        if (fetchesTokens) {
            tokenFetchCounter(app, "ok");
            Gauge.builder(TOKEN_AGE, heldTokens, held -> seconds(held.get(app), token -> Duration.between(token.fetchedAt(), Instant.now())))
                    .tag("app", app).baseUnit("seconds")
                    .description("Age of the access token this replica last used (NaN: none yet)").register(registry);
            Gauge.builder(TOKEN_EXPIRES_IN, heldTokens, held -> seconds(held.get(app), token -> Duration.between(Instant.now(), token.expiresAt())))
                    .tag("app", app).baseUnit("seconds")
                    .description("Time until WeChat stops accepting the access token this replica last used").register(registry);
            Gauge.builder(FORCE_REFRESH_REMAINING, forceRefreshes, f -> forceRefreshesLeft(app))
                    .tag("app", app)
                    .description("Forced stable-token refreshes left today (China time), as this replica last saw the fleet's budget")
                    .register(registry);
        }
    }

    // --- lookups (api layer) ---

    public void lookupStarted() {
        inFlight.incrementAndGet();
    }

    /** One finished lookup; {@code outcome} is {@code ok} or a {@link ProblemCode#outcome()}. */
    public void lookupFinished(String app, String outcome, long nanos) {
        inFlight.decrementAndGet();
        lookupsCounter(app, outcome).increment();
        Timer.builder(LOOKUP_SECONDS).tags("app", app, "outcome", outcome)
                .description("Time to answer POST /phone, from the first byte of the request to the answer")
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A lookup that ended without an answer (the caller went away): no outcome to count. */
    public void lookupAbandoned() {
        inFlight.decrementAndGet();
    }

    public void resultCacheHit(String app) {
        registry.counter(RESULT_CACHE_HITS, "app", app).increment();
    }

    /** WeChat is asked again within one lookup; {@code reason} is one of the {@code RETRY_*} constants. */
    public void retried(String api, String reason) {
        retriesCounter(api, reason).increment();
    }

    // --- WeChat ---

    /** One call to WeChat; {@code errcode} from {@link WechatCallOutcome}. */
    public void wechatCall(WechatApiName api, String errcode, long nanos) {
        wechatCallsCounter(api, errcode).increment();
        Timer.builder(WECHAT_CALL_SECONDS).tag("api", api.label())
                .description("Duration of calls to WeChat")
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    // --- tokens ---

    /** A token fetch from WeChat ended; {@code result} is {@code ok} or a failure word from {@link WechatCallOutcome}. */
    public void tokenFetched(String app, String result) {
        tokenFetchCounter(app, result).increment();
    }

    /** This replica waited for another replica's token fetch (the fleet-wide lock) for {@code waited}. */
    public void lockWaited(String appId, Duration waited) {
        Timer.builder(TOKEN_LOCK_WAIT).tag("app", appLabel(appId))
                .description("Waits for another replica's token fetch under the fleet-wide refresh lock")
                .serviceLevelObjectives(LOCK_BUCKETS)
                .register(registry).record(waited);
    }

    /** The token a lookup of {@code appId} is about to use: the source of the token age gauges and readiness. */
    public void tokenUsed(String appId, AccessToken token) {
        heldTokens.put(appLabel(appId), token);
    }

    /** The token this replica last used for {@code app} (its name), if any. */
    public Optional<AccessToken> lastToken(String app) {
        return Optional.ofNullable(heldTokens.get(app));
    }

    /** The fleet has used {@code usedToday} forced refreshes of {@code appId} today (China time). */
    public void forceRefreshesUsed(String appId, int usedToday) {
        forceRefreshes.put(appLabel(appId), new ForceRefreshDay(LocalDate.now(WECHAT_ZONE), usedToday));
    }

    /** Gauges 1 for the current state of {@code breaker} and 0 for the others (closed, open, half_open). */
    public void circuitBreaker(String breaker, Supplier<CircuitBreakerState> state) {
        for (CircuitBreakerState each : CircuitBreakerState.values()) {
            Gauge.builder(CIRCUIT_BREAKER_STATE, state, s -> s.get() == each ? 1 : 0)
                    .tags("breaker", breaker, "state", each.name().toLowerCase(Locale.ROOT))
                    .description("1 for the current state of a circuit breaker in front of WeChat")
                    .strongReference(true) // Micrometer holds gauge objects weakly; nothing else holds this supplier
                    .register(registry);
        }
    }

    // --- paid quota (PaidQuotaPoller) ---

    /** The latest paid quota of {@code app}; its gauges appear with the first successful poll. */
    public void paidQuota(String app, ChargeUsage usage) {
        if (paidQuotas.put(app, usage) == null) {
            Gauge.builder(PAID_QUOTA_LIMIT, paidQuotas, q -> q.get(app).all()).tag("app", app)
                    .description("Paid phone-number quota bought and in force at WeChat").register(registry);
            Gauge.builder(PAID_QUOTA_USED, paidQuotas, q -> q.get(app).used()).tag("app", app)
                    .description("Paid phone-number quota used so far").register(registry);
            Gauge.builder(PAID_QUOTA_REMAINING, paidQuotas, q -> q.get(app).remaining()).tag("app", app)
                    .description("Paid phone-number quota left").register(registry);
        }
    }

    /** One poll of the paid quota ended; {@code result} as in {@link WechatCallOutcome#result(Throwable)}. */
    public void paidQuotaPolled(String app, String result) {
        Counter.builder(PAID_QUOTA_POLLS).tags("app", app, "result", result)
                .description("Polls of WeChat's paid quota by app and result").register(registry).increment();
    }

    /** The {@code app} label of an appid: the configured app's name. */
    public String appLabel(String appId) {
        return appId == null ? UNKNOWN_APP : appNames.getOrDefault(appId, UNKNOWN_APP);
    }

    private double forceRefreshesLeft(String app) {
        ForceRefreshDay day = forceRefreshes.get(app);
        if (day == null || !day.day().equals(LocalDate.now(WECHAT_ZONE))) {
            return forceRefreshDailyLimit;
        }
        return Math.max(0, forceRefreshDailyLimit - day.used());
    }

    private Counter lookupsCounter(String app, String outcome) {
        return Counter.builder(LOOKUPS).tags(Tags.of("app", app, "outcome", outcome))
                .description("Lookups of POST /phone by app and outcome (ok or the problem code in lower case)")
                .register(registry);
    }

    private Counter wechatCallsCounter(WechatApiName api, String errcode) {
        return Counter.builder(WECHAT_CALLS).tags("api", api.label(), "errcode", errcode)
                .description("Calls to WeChat by API and answer: an errcode, or timeout / unreachable / http_error / invalid_answer / cancelled")
                .register(registry);
    }

    private Counter tokenFetchCounter(String app, String result) {
        return Counter.builder(TOKEN_FETCHES).tags("app", app, "result", result)
                .description("Access token fetches from WeChat by app and result")
                .register(registry);
    }

    private Counter retriesCounter(String api, String reason) {
        return Counter.builder(RETRIES).tags("api", api, "reason", reason)
                .description("Times WeChat was asked again within one lookup, by API and reason")
                .register(registry);
    }

    private static double seconds(AccessToken token, Function<AccessToken, Duration> span) {
        return token == null ? Double.NaN : span.apply(token).toMillis() / 1000.0;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
