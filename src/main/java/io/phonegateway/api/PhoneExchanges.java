package io.phonegateway.api;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.WechatApp;
import io.phonegateway.ledger.Ledger;
import io.vertx.ext.web.RoutingContext;

/**
 * What {@code POST /phone} and {@code POST /login} decide the same way before a phone code goes to WeChat: the app
 * (which the caller's scope must allow), the component the number is counted at, and its ledger counts.
 */
@Singleton
class PhoneExchanges {

    /** One request's exchange of a phone code. */
    final class Exchange {
        final WechatApp app;
        final CallerScope scope;
        private final PhoneComponent component;

        private Exchange(WechatApp app, CallerScope scope, PhoneComponent component) {
            this.app = app;
            this.scope = scope;
            this.component = component;
        }

        /** The number was served unpaid: from the result cache, or by an identical lookup in flight. */
        void countSaved() {
            ledger.count(app, scope.caller(), component, true);
        }
    }

    private final AppRegistry apps;
    private final CallerScopes scopes;
    private final Ledger ledger;

    PhoneExchanges(AppRegistry apps, CallerScopes scopes, Ledger ledger) {
        this.apps = apps;
        this.scopes = scopes;
        this.ledger = ledger;
    }

    /**
     * The exchange of this request: its app resolved and allowed by the caller's scope (else the problem), its record
     * told the app, and its trace told to count a paid number when WeChat's exchange returns one, also after the
     * request was answered 504 (the lookup goes on and stores it for the retry, which is then counted saved).
     */
    Exchange open(RoutingContext routing, LookupRecord record, Optional<String> appId, Optional<PhoneComponent> component) {
        WechatApp app = RequestedApp.resolve(apps, appId);
        record.app = app.name();
        CallerScope scope = scopes.of(routing);
        scope.requireApp(app);
        Exchange exchange = new Exchange(app, scope, component.orElseGet(() -> apps.defaultComponentOf(app)));
        record.trace.whenPaid(() -> ledger.count(app, scope.caller(), exchange.component, false));
        return exchange;
    }
}
