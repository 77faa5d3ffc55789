package io.phonegateway.devui.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The apps under {@code phone-gateway.apps.<name>}, read from the build's configuration by key only: each app's
 * {@code app-id} and whether it is the default app. Nothing else of an app is read, so no secret can reach the
 * page. The extension is built before the application and cannot use its {@code GatewayConfig}; these are the
 * same keys, read the way the README documents them.
 */
final class ConfiguredApps {

    static final String PREFIX = "phone-gateway.apps.";
    static final String APP_ID = ".app-id";
    static final String DEFAULT_APP = "phone-gateway.default-app";

    private ConfiguredApps() {
    }

    /**
     * @param propertyNames every configured name, profile-prefixed ones ({@code %dev.phone-gateway...}) included
     * @param value the value of a name under the active profile
     * @return one entry per app with an {@code app-id}, sorted by name: {@code name}, {@code appId}, {@code isDefault}
     */
    static List<Map<String, Object>> read(Iterable<String> propertyNames, Function<String, Optional<String>> value) {
        TreeSet<String> names = new TreeSet<>();
        for (String property : propertyNames) {
            String name = withoutProfile(property);
            if (name.startsWith(PREFIX) && name.endsWith(APP_ID) && name.length() > PREFIX.length() + APP_ID.length()) {
                names.add(name.substring(PREFIX.length(), name.length() - APP_ID.length()));
            }
        }
        Optional<String> defaultApp = value.apply(DEFAULT_APP).filter(app -> !app.isBlank());
        List<Map<String, Object>> apps = new ArrayList<>();
        for (String name : names) {
            Optional<String> appId = value.apply(PREFIX + name + APP_ID).filter(id -> !id.isBlank());
            if (appId.isEmpty()) {
                // an app of another profile
                continue;
            }
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("name", name);
            app.put("appId", appId.get());
            apps.add(app);
        }
        for (Map<String, Object> app : apps) {
            // with one app and no default-app, that app is the default (GatewayConfig's rule)
            app.put("isDefault", defaultApp.map(app.get("name")::equals).orElse(apps.size() == 1));
        }
        return apps;
    }

    private static String withoutProfile(String property) {
        if (property.startsWith("%")) {
            int dot = property.indexOf('.');
            return dot < 0 ? property : property.substring(dot + 1);
        }
        return property;
    }
}
