package io.phonegateway.ledger;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.WechatApp;

/**
 * The ledger's meters: {@code phone_gateway_paid_lookups_total{app,caller,component}},
 * {@code phone_gateway_result_cache_savings_total{app}} and the price of each component
 * ({@code phone_gateway_paid_lookup_price_cny{component}}, so a dashboard can turn counts into CNY). Callers are the
 * configured client names, so the labels stay bounded; every app, caller and component exists at zero from the start.
 */
@ApplicationScoped
class LedgerMetrics {

    static final String PAID = "phone_gateway.paid.lookups";
    static final String SAVINGS = "phone_gateway.result.cache.savings";
    static final String PRICE = "phone_gateway.paid.lookup.price.cny";

    private final MeterRegistry registry;
    private final Map<String, Counter> paid = new ConcurrentHashMap<>();
    private final Map<String, Counter> savings = new ConcurrentHashMap<>();

    LedgerMetrics(MeterRegistry registry, GatewayConfig config, AppRegistry apps) {
        this.registry = registry;
        Prices prices = Prices.of(config.ledger());
        for (PhoneComponent component : PhoneComponent.values()) {
            // a strong reference: the gauge alone holds the prices (Micrometer's default is a weak one)
            Gauge.builder(PRICE, prices, p -> p.of(component).doubleValue()).strongReference(true)
                    .tag("component", component.label())
                    .description("Configured price of one phone number of the component, in CNY").register(registry);
        }
        for (WechatApp app : apps.all()) {
            savings(app.name());
            for (String caller : callers(config)) {
                for (PhoneComponent component : PhoneComponent.values()) {
                    paid(app.name(), caller, component);
                }
            }
        }
    }

    /** The callers a label may name: every client with a key, and {@code anonymous} while authentication is off. */
    static Set<String> callers(GatewayConfig config) {
        Set<String> callers = new TreeSet<>(config.auth().apiKeys().keySet());
        if (!config.auth().enabled()) {
            callers.add("anonymous");
        }
        return callers;
    }

    void counted(String app, String caller, PhoneComponent component, boolean saved) {
        (saved ? savings(app) : paid(app, caller, component)).increment();
    }

    private Counter paid(String app, String caller, PhoneComponent component) {
        return paid.computeIfAbsent(app + "|" + caller + "|" + component.label(),
                k -> Counter.builder(PAID).tags("app", app, "caller", caller, "component", component.label())
                        .description("Phone numbers WeChat handed out (each one charged), by app, caller and component")
                        .register(registry));
    }

    private Counter savings(String app) {
        return savings.computeIfAbsent(app, k -> Counter.builder(SAVINGS).tag("app", app)
                .description("Lookups answered from the result cache with a number: exchanges not paid again")
                .register(registry));
    }
}
