package io.phonegateway.wechat;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.MeterBuckets;
import io.phonegateway.config.MeterTable;
import io.phonegateway.config.WechatApp;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The meters of the WeChat part: {@code phone_gateway_wechat_calls_total{app,api,errcode}},
 * {@code phone_gateway_wechat_call_seconds{app,api}} and {@code phone_gateway_circuit_breaker_state{breaker,state}}.
 * {@code app} is the configured name of the app the call was made for (the label of the lookup meters); the breakers
 * are one per endpoint for all apps, so their gauge has none. Errcode labels come from {@link WechatCallOutcome}, so
 * they stay bounded; each meter is resolved once per label set ({@link MeterTable}).
 */
@Singleton
public class WechatMetrics {

    static final String WECHAT_CALLS = "phone_gateway.wechat.calls";
    static final String WECHAT_CALL_SECONDS = "phone_gateway.wechat.call";
    static final String CIRCUIT_BREAKER_STATE = "phone_gateway.circuit.breaker.state";

    private final MeterRegistry registry;
    /** By app, then by api and errcode. */
    private final MeterTable<MeterTable<Counter>> calls;
    private final MeterTable<Timer> callTimers;

    @Inject
    WechatMetrics(MeterRegistry registry, GatewayConfig config) {
        this(registry, config.apps().keySet());
    }

    /** {@code apps}: the configured app names, whose call counters exist at zero from the start. */
    WechatMetrics(MeterRegistry registry, Collection<String> apps) {
        this.registry = registry;
        calls = new MeterTable<>((app, unused) -> new MeterTable<>((api, errcode) -> Counter.builder(WECHAT_CALLS)
                .tags("app", app, "api", api, "errcode", errcode)
                .description("Calls to WeChat by app, API and answer: an errcode, or timeout / unreachable / http_error"
                        + " / invalid_answer / cancelled")
                .register(registry)));
        callTimers = new MeterTable<>((app, api) -> Timer.builder(WECHAT_CALL_SECONDS).tags("app", app, "api", api)
                .description("Duration of calls to WeChat by app and API")
                .serviceLevelObjectives(MeterBuckets.REQUEST)
                .register(registry));
        for (String app : apps) {
            for (WechatApiName api : WechatApiName.values()) {
                callsCounter(app, api, "0"); // exists at zero from the start: no "no data" before the first call
            }
        }
    }

    /** One call to WeChat for {@code app}; {@code errcode} from {@link WechatCallOutcome}. */
    void call(WechatApp app, WechatApiName api, String errcode, long nanos) {
        callsCounter(app.name(), api, errcode).increment();
        callTimers.get(app.name(), api.label()).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Gauges 1 for the current state of {@code breaker} and 0 for the others (closed, open, half_open). */
    void circuitBreaker(String breaker, Supplier<CircuitBreakerState> state) {
        for (CircuitBreakerState each : CircuitBreakerState.values()) {
            Gauge.builder(CIRCUIT_BREAKER_STATE, state, s -> s.get() == each ? 1 : 0)
                    .tags("breaker", breaker, "state", each.name().toLowerCase(Locale.ROOT))
                    .description("1 for the current state of a circuit breaker in front of WeChat (one per endpoint,"
                            + " for all apps)")
                    .strongReference(true) // Micrometer holds gauge objects weakly; nothing else holds this supplier
                    .register(registry);
        }
    }

    private Counter callsCounter(String app, WechatApiName api, String errcode) {
        return calls.get(app).get(api.label(), errcode);
    }
}
