package io.phonegateway.observability;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.phonegateway.wechat.UpstreamBreakers;
import io.quarkus.runtime.StartupEvent;

/**
 * Exports the state of the circuit breakers in front of WeChat ({@link UpstreamBreakers}) as
 * {@code phone_gateway_circuit_breaker_state{breaker,state}}: the breakers are programmatic guards whose names
 * change with every reset, so the stable breaker names come from here rather than from Fault Tolerance's own series.
 */
@Singleton
class BreakerMetrics {

    void register(@Observes StartupEvent start, GatewayMetrics metrics, UpstreamBreakers breakers) {
        for (String breaker : new String[] {UpstreamBreakers.PHONE, UpstreamBreakers.TOKEN}) {
            metrics.circuitBreaker(breaker, () -> breakers.state(breaker));
        }
    }
}
