package io.phonegateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start on a configuration that cannot serve: no app, an app without the secret its token mode
 * needs, two apps with one appid, a default app that does not exist, authentication on without a key. Each problem names its property.
 */
class ConfigValidator {

    void onStart(@Observes StartupEvent event, GatewayConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid phone-gateway configuration: " + String.join("; ", problems));
        }
    }

    static List<String> problems(GatewayConfig config) {
        List<String> problems = new ArrayList<>();
        Map<String, GatewayConfig.App> apps = config.apps();
        if (apps.isEmpty()) {
            problems.add("phone-gateway.apps.<name>.app-id is required: configure at least one mini-program");
        }
        boolean needsSecret = config.token().mode() == TokenMode.STABLE || config.token().mode() == TokenMode.CLASSIC;
        Set<String> appIds = new HashSet<>();
        apps.forEach((name, app) -> {
            if (needsSecret && app.appSecret().filter(s -> !s.isBlank()).isEmpty()) {
                problems.add("phone-gateway.apps." + name + ".app-secret is required with token mode "
                        + config.token().mode().name().toLowerCase());
            }
            if (!appIds.add(app.appId())) {
                problems.add("phone-gateway.apps." + name + ".app-id repeats the appid of another app");
            }
        });
        config.defaultApp().filter(name -> !apps.containsKey(name)).ifPresent(name -> problems
                .add("phone-gateway.default-app names no app configured under phone-gateway.apps.<name>"));
        if (config.auth().enabled() && config.auth().apiKeys().values().stream().flatMap(List::stream).allMatch(String::isBlank)) {
            problems.add("phone-gateway.auth.api-keys.<client> is required while phone-gateway.auth.enabled=true");
        }
        return problems;
    }
}
