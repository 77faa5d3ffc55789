package io.phonegateway.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

/** The configured apps, found by appid; resolves a request's optional {@code appId} to one app. */
@Singleton
public class AppRegistry {

    /** The metric and log label of a request whose app could not be resolved. */
    public static final String UNKNOWN_APP = "unknown";

    private final Map<String, WechatApp> byAppId;
    private final Optional<WechatApp> defaultApp;
    private final Map<String, PhoneComponent> defaultComponents;

    AppRegistry(GatewayConfig config) {
        List<WechatApp> apps = config.apps().entrySet().stream()
                .map(e -> new WechatApp(e.getKey(), e.getValue().appId(), e.getValue().appSecret()))
                .toList();
        this.defaultComponents = config.apps().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().defaultComponent()));
        this.byAppId = apps.stream().collect(Collectors.toUnmodifiableMap(WechatApp::appId, Function.identity(), (a, b) -> a));
        this.defaultApp = config.defaultApp()
                .flatMap(name -> apps.stream().filter(a -> a.name().equals(name)).findFirst())
                .or(() -> apps.size() == 1 ? Optional.of(apps.get(0)) : Optional.empty());
    }

    /**
     * The app a request means: the one with this appid, or the default app when {@code appId} is absent.
     * Empty when the appid is not configured, or absent with several apps and no default.
     */
    public Optional<WechatApp> resolve(Optional<String> appId) {
        return appId.isPresent() ? Optional.ofNullable(byAppId.get(appId.get())) : defaultApp;
    }

    /**
     * The configured name of the app with this appid (the {@code app} label of metrics and logs), else {@value #UNKNOWN_APP}.
     */
    public String nameOf(String appId) {
        WechatApp app = appId == null ? null : byAppId.get(appId);
        return app == null ? UNKNOWN_APP : app.name();
    }

    /** The component an app's phone codes come from when a request does not say ({@code default-component}). */
    public PhoneComponent defaultComponentOf(WechatApp app) {
        return defaultComponents.getOrDefault(app.name(), PhoneComponent.QUICK);
    }

    public Collection<WechatApp> all() {
        return byAppId.values();
    }
}
