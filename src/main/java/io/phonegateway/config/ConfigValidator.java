package io.phonegateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start on a configuration that cannot serve: no app, an app without the secret its token mode
 * needs, two apps with one appid, a default app that does not exist, authentication on without a key, a
 * result-cache key that is not base64 of 32 bytes (or none outside dev/test), a rate limit that cannot be
 * applied. Each problem names its property and never repeats a value, since some values are secrets.
 */
class ConfigValidator {

    void onStart(@Observes StartupEvent event, GatewayConfig config) {
        List<String> problems = problems(config, LaunchMode.current().isDevOrTest());
        if (!problems.isEmpty()) {
            // one line each, as operators grep for them; the exception stops the start
            problems.forEach(problem -> Log.errorf("Invalid phone-gateway configuration: %s", problem));
            throw new ConfigurationException("Invalid phone-gateway configuration: " + String.join("; ", problems));
        }
    }

    /** The problems of a configuration; {@code devOrTest} relaxes what only production needs. */
    static List<String> problems(GatewayConfig config, boolean devOrTest) {
        List<String> problems = new ArrayList<>();
        Map<String, GatewayConfig.App> apps = config.apps();
        if (apps.isEmpty()) {
            problems.add("phone-gateway.apps.<name>.app-id is required: configure at least one mini-program");
        }
        boolean needsSecret = config.token().mode().fetchesTokens();
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
        resultCacheKeyProblem(config.resultCache().key(), devOrTest).ifPresent(problems::add);
        rateLimitProblems(config, problems);
        if (!isPositive(config.request().bodyTimeout())) {
            problems.add("phone-gateway.request.body-timeout must be positive");
        }
        return problems;
    }

    private static Optional<String> resultCacheKeyProblem(Optional<String> key, boolean devOrTest) {
        String property = "phone-gateway.result-cache.key";
        if (key.filter(k -> !k.isBlank()).isEmpty()) {
            return devOrTest ? Optional.empty()
                    : Optional.of(property + " is required: base64 of 32 random bytes (openssl rand -base64 32)");
        }
        try {
            int length = Base64.getDecoder().decode(key.get().trim()).length;
            return length == 32 ? Optional.empty()
                    : Optional.of(property + " must decode to 32 bytes (AES-256), not " + length);
        } catch (IllegalArgumentException e) {
            return Optional.of(property + " is not valid base64 (expected 32 bytes: openssl rand -base64 32)");
        }
    }

    private static void rateLimitProblems(GatewayConfig config, List<String> problems) {
        GatewayConfig.RateLimit limits = config.rateLimit();
        if (!limits.enabled()) {
            return;
        }
        String prefix = "phone-gateway.rate-limit.";
        checkLimit(prefix, limits.requests(), limits.period(), limits.burst(), problems);
        limits.callers().forEach((client, limit) -> {
            String callerPrefix = prefix + "callers." + client + ".";
            checkLimit(callerPrefix, limit.requests().orElse(limits.requests()), limit.period().orElse(limits.period()),
                    limit.burst().orElse(limits.burst()), problems);
            if (config.auth().enabled() && !config.auth().apiKeys().containsKey(client)) {
                problems.add(callerPrefix.substring(0, callerPrefix.length() - 1)
                        + " names no client under phone-gateway.auth.api-keys.<client>");
            }
        });
        if (!isPositive(limits.redisTimeout())) {
            problems.add(prefix + "redis-timeout must be positive");
        }
    }

    private static void checkLimit(String prefix, int requests, Duration period, int burst, List<String> problems) {
        if (requests < 1) {
            problems.add(prefix + "requests must be at least 1");
        }
        if (!isPositive(period)) {
            problems.add(prefix + "period must be positive");
        }
        if (burst < 1) {
            problems.add(prefix + "burst must be at least 1");
        }
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
