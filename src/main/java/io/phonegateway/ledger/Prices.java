package io.phonegateway.ledger;

import java.math.BigDecimal;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;

/** The configured price of one number per component, in CNY ({@code phone-gateway.ledger.*-price}). */
record Prices(BigDecimal quick, BigDecimal realtime) {

    static Prices of(GatewayConfig.Ledger config) {
        return new Prices(config.quickPrice(), config.realtimePrice());
    }

    BigDecimal of(PhoneComponent component) {
        return component == PhoneComponent.QUICK ? quick : realtime;
    }

    BigDecimal cost(PhoneComponent component, long count) {
        return of(component).multiply(BigDecimal.valueOf(count));
    }
}
