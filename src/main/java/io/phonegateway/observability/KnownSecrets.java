package io.phonegateway.observability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.phonegateway.config.GatewayConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * The literal secrets the gateway is configured with: each app's AppSecret, every caller's API key and the
 * result-cache key. Read once, when logging starts (logging filters are not CDI beans).
 */
final class KnownSecrets {

    /** Dotted names and environment-variable names alike, for when the mapping itself cannot be read. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(%[^.]+\\.)?phone[-_.]gateway[-_.](apps[-_.].+[-_.]app[-_.]secret|auth[-_.]api[-_.]keys[-_.].+"
                    + "|result[-_.]cache[-_.]key)");

    private KnownSecrets() {
    }

    static List<String> fromConfig() {
        Config config = ConfigProvider.getConfig();
        try {
            return of(config.unwrap(SmallRyeConfig.class).getConfigMapping(GatewayConfig.class));
        } catch (RuntimeException mappingNotReadable) {
            // an invalid configuration fails the start anyway; its error lines must not carry the secrets either
            return byName(config);
        }
    }

    static List<String> of(GatewayConfig config) {
        List<String> secrets = new ArrayList<>();
        config.apps().values().forEach(app -> app.appSecret().ifPresent(secrets::add));
        config.auth().apiKeys().values().forEach(secrets::addAll);
        config.resultCache().key().ifPresent(secrets::add);
        return secrets;
    }

    private static List<String> byName(Config config) {
        List<String> secrets = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (SECRET_NAME.matcher(name).matches()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> secrets.addAll(Arrays.asList(value.split(","))));
            }
        }
        return secrets;
    }
}
