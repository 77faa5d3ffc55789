package io.phonegateway.api;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.MeterBuckets;
import io.phonegateway.config.MeterTable;
import io.phonegateway.lookup.LookupTrace;
import io.phonegateway.lookup.RetryReason;
import io.phonegateway.problem.ProblemCode;

/**
 * The meters of {@code POST /phone} and {@code POST /login}, written once per request from its {@link LookupRecord} when it
 * ends:
 * lookups by app and outcome, their duration, lookups in flight, result-cache hits (a stored result, or an identical
 * lookup in flight that this one joined) and WeChat retries by app, API and reason. Label values are bounded: a configured
 * app's name or {@code unknown}, {@code ok} or a {@link ProblemCode#outcome()}.
 */
@Singleton
class LookupMetrics {

    static final String LOOKUPS = "phone_gateway.lookups";
    static final String LOOKUP_SECONDS = "phone_gateway.lookup";
    static final String LOOKUPS_IN_FLIGHT = "phone_gateway.lookups.in.flight";
    static final String RESULT_CACHE_HITS = "phone_gateway.result.cache.hits";
    static final String RETRIES = "phone_gateway.retries";
    static final String LOGINS = "phone_gateway.logins";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final MeterTable<Counter> lookups;
    private final MeterTable<Timer> lookupTimers;
    private final MeterTable<Counter> logins;
    private final MeterTable<Counter> resultCacheHits;
    /** By app, then by api and reason. */
    private final MeterTable<MeterTable<Counter>> retries;

    LookupMetrics(MeterRegistry registry, GatewayConfig config) {
        lookups = new MeterTable<>((app, outcome) -> Counter.builder(LOOKUPS).tags("app", app, "outcome", outcome)
                .description("Lookups of POST /phone by app and outcome (ok or the problem code in lower case)")
                .register(registry));
        lookupTimers = new MeterTable<>((app, outcome) -> Timer.builder(LOOKUP_SECONDS).tags("app", app, "outcome", outcome)
                .description("Time to answer POST /phone, from the first byte of the request to the answer")
                .serviceLevelObjectives(MeterBuckets.REQUEST)
                .register(registry));
        logins = new MeterTable<>((app, outcome) -> Counter.builder(LOGINS).tags("app", app, "outcome", outcome)
                .description("Logins of POST /login by app and outcome (ok or the problem code in lower case)")
                .register(registry));
        resultCacheHits = new MeterTable<>((app, unused) -> Counter.builder(RESULT_CACHE_HITS).tag("app", app)
                .description("Lookups answered from the result cache (same code again within its lifetime)")
                .register(registry));
        retries = new MeterTable<>((app, unused) -> new MeterTable<>((api, reason) -> Counter.builder(RETRIES)
                .tags("app", app, "api", api, "reason", reason)
                .description("Times WeChat was asked again within one lookup, by app, API and reason")
                .register(registry)));
        Gauge.builder(LOOKUPS_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Lookups of POST /phone and /login being served right now").register(registry);
        // counters every alert and dashboard relies on exist at zero from the start: no "no data" before the first event
        for (String app : config.apps().keySet()) {
            lookupsCounter(app, "ok");
            for (ProblemCode code : ProblemCode.values()) {
                lookupsCounter(app, code.outcome());
            }
            resultCacheHits(app);
            loginsCounter(app, "ok");
            for (RetryReason reason : RetryReason.values()) {
                retriesCounter(app, LookupTrace.PHONE_API, reason);
                retriesCounter(app, LookupTrace.LOGIN_API, reason);
            }
        }
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /**
     * One answered request; {@code outcome} is {@code ok} or a {@link ProblemCode#outcome()}. A {@code /login} counts
     * in {@code phone_gateway_logins_total} only; its WeChat retries and result-cache hits count like a lookup's.
     */
    void finished(boolean login, String app, String outcome, long nanos, LookupTrace trace) {
        inFlight.decrementAndGet();
        if (login) {
            loginsCounter(app, outcome).increment();
            if (trace != null && (trace.fromResultCache() || trace.sessionFromStore())) {
                resultCacheHits(app).increment();
            }
            retried(app, trace);
            return;
        }
        lookupsCounter(app, outcome).increment();
        lookupTimers.get(app, outcome).record(nanos, TimeUnit.NANOSECONDS);
        if (trace != null && (trace.fromResultCache() || trace.joined() && "ok".equals(outcome))) {
            resultCacheHits(app).increment();
        }
        retried(app, trace);
    }

    /** A request that looked like a lookup but reached no resource (404): neither counted nor timed. */
    void notALookup() {
        inFlight.decrementAndGet();
    }

    /** A lookup that ended without an answer (the caller went away): no outcome to count, its retries still happened. */
    void abandoned(String app, LookupTrace trace) {
        inFlight.decrementAndGet();
        retried(app, trace);
    }

    private void retried(String app, LookupTrace trace) {
        if (trace != null && trace.retries() > 0) {
            for (Map.Entry<LookupTrace.Retry, Integer> retry : trace.retriesByReason().entrySet()) {
                retriesCounter(app, retry.getKey().api(), retry.getKey().reason()).increment(retry.getValue());
            }
        }
    }

    private Counter lookupsCounter(String app, String outcome) {
        return lookups.get(app, outcome);
    }

    private Counter loginsCounter(String app, String outcome) {
        return logins.get(app, outcome);
    }

    private Counter resultCacheHits(String app) {
        return resultCacheHits.get(app);
    }

    private Counter retriesCounter(String app, String api, RetryReason reason) {
        return retries.get(app).get(api, reason.label());
    }
}
