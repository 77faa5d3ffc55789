package io.phonegateway.wechat;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegateway.config.MeterBuckets;
import io.phonegateway.config.MeterTable;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The meters of the WeChat part: {@code phone_gateway_wechat_calls_total{api,errcode}},
 * {@code phone_gateway_wechat_call_seconds{api}} and {@code phone_gateway_circuit_breaker_state{breaker,state}}.
 * Errcode labels come from {@link WechatCallOutcome}, so they stay bounded.
 */
@Singleton
public class WechatMetrics {

    static final String WECHAT_CALLS = "phone_gateway.wechat.calls";
    static final String WECHAT_CALL_SECONDS = "phone_gateway.wechat.call";
    static final String CIRCUIT_BREAKER_STATE = "phone_gateway.circuit.breaker.state";

    private final MeterRegistry registry;
    private final MeterTable<Counter> calls;
    private final MeterTable<Timer> callTimers;

    public WechatMetrics(MeterRegistry registry) {
        this.registry = registry;
        calls = new MeterTable<>((api, errcode) -> Counter.builder(WECHAT_CALLS).tags("api", api, "errcode", errcode)
                .description(
                        "Calls to WeChat by API and answer: an errcode, or timeout / unreachable / http_error / invalid_answer / cancelled")
                .register(registry));
        callTimers = new MeterTable<>((api, unused) -> Timer.builder(WECHAT_CALL_SECONDS).tag("api", api)
                .description("Duration of calls to WeChat")
                .serviceLevelObjectives(MeterBuckets.REQUEST)
                .register(registry));
        for (WechatApiName api : WechatApiName.values()) {
            callsCounter(api, "0"); // exists at zero from the start: no "no data" before the first call
        }
    }

    /** One call to WeChat; {@code errcode} from {@link WechatCallOutcome}. */
    void call(WechatApiName api, String errcode, long nanos) {
        callsCounter(api, errcode).increment();
        callTimers.get(api.label()).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Gauges 1 for the current state of {@code breaker} and 0 for the others (closed, open, half_open). */
    void circuitBreaker(String breaker, Supplier<CircuitBreakerState> state) {
        for (CircuitBreakerState each : CircuitBreakerState.values()) {
            Gauge.builder(CIRCUIT_BREAKER_STATE, state, s -> s.get() == each ? 1 : 0)
                    .tags("breaker", breaker, "state", each.name().toLowerCase(Locale.ROOT))
                    .description("1 for the current state of a circuit breaker in front of WeChat")
                    .strongReference(true) // Micrometer holds gauge objects weakly; nothing else holds this supplier
                    .register(registry);
        }
    }

    private Counter callsCounter(WechatApiName api, String errcode) {
        return calls.get(api.label(), errcode);
    }
}
