package io.phonegateway.api;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneOutput;
import io.vertx.ext.web.RoutingContext;

/**
 * Every caller's {@link CallerScope}, from {@code phone-gateway.auth.scopes.<client>}. A client without an entry may
 * use every app and sees full numbers, but is no admin. With authentication off everyone is {@code anonymous}, who
 * without an entry may do everything (the gateway is open anyway).
 */
@Singleton
class CallerScopes {

    private final Map<String, CallerScope> configured;
    private final boolean authenticated;

    CallerScopes(GatewayConfig config) {
        this.authenticated = config.auth().enabled();
        this.configured = config.auth().scopes().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new CallerScope(e.getKey(), e.getValue().apps(), e.getValue().admin(),
                        e.getValue().phoneOutput())));
    }

    CallerScope of(String caller) {
        CallerScope scope = configured.get(caller);
        if (scope != null) {
            return scope;
        }
        boolean open = !authenticated && ApiKeyAuthFilter.ANONYMOUS.equals(caller);
        return new CallerScope(caller, Optional.empty(), open, PhoneOutput.FULL);
    }

    /** The scope of the caller {@link ApiKeyAuthFilter} named on this request. */
    CallerScope of(RoutingContext rc) {
        String caller = rc == null ? null : rc.get(ApiKeyAuthFilter.CALLER);
        return of(caller == null ? ApiKeyAuthFilter.ANONYMOUS : caller);
    }
}
