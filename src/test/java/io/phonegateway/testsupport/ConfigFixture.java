package io.phonegateway.testsupport;

import java.time.Duration;
import java.util.Map;

import io.phonegateway.config.GatewayConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds the real {@link GatewayConfig} mapping from given properties or environment variables, without Quarkus. */
public final class ConfigFixture {

    private ConfigFixture() {
    }

    public static GatewayConfig fromProperties(Map<String, String> properties) {
        return build(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)));
    }

    public static GatewayConfig fromEnvironment(Map<String, String> variables) {
        return build(new SmallRyeConfigBuilder().withSources(new EnvConfigSource(variables, 300)));
    }

    private static GatewayConfig build(SmallRyeConfigBuilder builder) {
        // Quarkus' own Duration syntax ("5s", "300s"), as in the running service
        SmallRyeConfig config = builder.withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(GatewayConfig.class).build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
