package io.phonegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.GatewayProcess;

/**
 * The packaged service refuses to start on a configuration that cannot serve safely: the process exits non-zero with
 * one log line naming the property, and never prints the value it refused (some are secrets). Which configurations
 * are refused, and the words of each line, are ConfigValidatorTest's; here, once through our validator and once
 * through SmallRye Config's own refusal, what only a real process shows.
 */
class StartupRefusalIT {

    private static final String SECRET = "SECRET-VALUE-4711";

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                refusal("result-cache key that is not base64", p -> p.put("phone-gateway.result-cache.key", SECRET + "*!"),
                        "phone-gateway.result-cache.key is not valid base64"),
                refusal("authentication on with an empty key list", p -> {
                    p.put("phone-gateway.auth.enabled", "true");
                    p.put("phone-gateway.auth.api-keys.orders", "");
                }, "SRCFG00040: The config property phone-gateway.auth.api-keys.orders is defined as the empty String"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void refusesToStart(String name, Map<String, String> properties, String line) throws Exception {
        GatewayProcess gateway = GatewayProcess.launch("refusal-" + name.replace(' ', '-'), properties, Map.of());
        try {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).as("exit code").isNotZero();
            assertThat(gateway.log().lines()).as("one line naming the property")
                    .anyMatch(l -> l.contains(line));
            properties.forEach((key, value) -> {
                if (isSecret(key) && !value.isBlank()) {
                    assertThat(gateway.log()).as("the log shows no value of " + key).doesNotContain(value);
                }
            });
            assertThat(gateway.log()).doesNotContain(SECRET);
        } finally {
            gateway.close();
        }
    }

    private static boolean isSecret(String key) {
        return key.endsWith("app-secret") || key.endsWith("result-cache.key") || key.contains("api-keys");
    }

    /** {@code problem} is the text of ConfigValidator's line, or, starting with SRCFG, SmallRye Config's own. */
    private static Arguments refusal(String name, Consumer<Map<String, String>> change, String problem) {
        Map<String, String> properties = GatewayProcess.selfContained();
        change.accept(properties);
        return Arguments.of(name, properties,
                // the packaged service logs JSON lines: match the message, whatever the format around it
                problem.startsWith("SRCFG") ? problem : "Invalid phone-gateway configuration: " + problem);
    }
}
