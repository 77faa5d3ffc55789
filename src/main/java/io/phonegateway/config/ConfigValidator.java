package io.phonegateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start on a configuration that cannot serve: no app, an appid that is not one, an app without the secret
 * its token mode needs, two apps with one appid, a default app that does not exist, authentication on without a key, a
 * result-cache key that is not base64 of 32 bytes (or none outside dev/test), a rate limit that cannot be
 * applied, Redis over TLS without a hostname verification algorithm. Each problem names its property and never repeats a value,
 * since some values are secrets.
 */
class ConfigValidator {

    void onStart(@Observes StartupEvent event, GatewayConfig config) {
        List<String> problems = problems(config, LaunchMode.current().isDevOrTest());
        Config all = ConfigProvider.getConfig();
        redisTlsProblem(all.getOptionalValue("quarkus.redis.hosts", String.class),
                all.getOptionalValue("quarkus.redis.tls-configuration-name", String.class),
                name -> all.getOptionalValue("quarkus.tls." + name + ".hostname-verification-algorithm", String.class))
                .ifPresent(problems::add);
        redisReplicasProblem(all.getOptionalValue("quarkus.redis.replicas", String.class)).ifPresent(problems::add);
        redisUserProblem(all.getOptionalValue("quarkus.redis.hosts", String.class)).ifPresent(problems::add);
        redisTlsWithoutHostnameVerification(all.getOptionalValue("quarkus.redis.hosts", String.class),
                all.getOptionalValue("quarkus.redis.tls-configuration-name", String.class),
                all.getOptionalValue("quarkus.redis.tls.hostname-verification-algorithm", String.class))
                .ifPresent(warning -> Log.warnf("Insecure Redis configuration: %s", warning));
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
            if (!WechatApp.isAppId(app.appId())) {
                problems.add("phone-gateway.apps." + name + ".app-id must be a WeChat appid: wx followed by 16 hex digits");
            } else if (!appIds.add(app.appId())) {
                problems.add("phone-gateway.apps." + name + ".app-id repeats the appid of another app");
            }
        });
        config.defaultApp().filter(name -> !apps.containsKey(name)).ifPresent(name -> problems
                .add("phone-gateway.default-app names no app configured under phone-gateway.apps.<name>"));
        if (config.auth().enabled()
                && config.auth().apiKeys().values().stream().flatMap(List::stream).allMatch(String::isBlank)) {
            problems.add("phone-gateway.auth.api-keys.<client> is required while phone-gateway.auth.enabled=true");
        }
        resultCacheKeyProblem(config.resultCache().key(), devOrTest).ifPresent(problems::add);
        rateLimitProblems(config, problems);
        if (config.lookup().wechatConnections() < 1) {
            problems.add("phone-gateway.lookup.wechat-connections must be at least 1");
        }
        if (!isPositive(config.lookup().connectionWait())) {
            problems.add("phone-gateway.lookup.connection-wait must be positive");
        }
        if (config.resultCache().lockLease().compareTo(Duration.ofMillis(300)) < 0) {
            problems.add("phone-gateway.result-cache.lock-lease must be at least 300ms: it is renewed every third of it");
        }
        if (!isPositive(config.request().bodyTimeout())) {
            problems.add("phone-gateway.request.body-timeout must be positive");
        }
        if (!isPositive(config.request().headerTimeout())) {
            problems.add("phone-gateway.request.header-timeout must be positive");
        }
        scopeProblems(config, problems);
        ledgerProblems(config.ledger(), problems);
        return problems;
    }

    /**
     * A scope must name a client that has a key (or {@code anonymous} with authentication off) and apps that exist;
     * a {@code hashed} client needs the pepper, or its hashes would be guessable from the numbers alone.
     */
    private static void scopeProblems(GatewayConfig config, List<String> problems) {
        String prefix = "phone-gateway.auth.scopes.";
        config.auth().scopes().forEach((client, scope) -> {
            boolean known = config.auth().enabled() ? config.auth().apiKeys().containsKey(client)
                    : client.equals("anonymous") || config.auth().apiKeys().containsKey(client);
            if (!known) {
                problems.add(prefix + client + " names no client under phone-gateway.auth.api-keys.<client>");
            }
            scope.apps().ifPresent(names -> names.stream().filter(name -> !config.apps().containsKey(name)).sorted()
                    .forEach(name -> problems.add(prefix + client + ".apps names " + name
                            + ", which is no app under phone-gateway.apps.<name>")));
            if (scope.phoneOutput() == PhoneOutput.HASHED
                    && config.auth().phoneHashPepper().filter(p -> !p.isBlank()).isEmpty()) {
                problems.add("phone-gateway.auth.phone-hash-pepper is required while " + prefix + client
                        + ".phone-output=hashed");
            }
        });
        config.auth().phoneHashPepper().filter(p -> !p.isBlank() && p.length() < 16).ifPresent(p -> problems
                .add("phone-gateway.auth.phone-hash-pepper must be at least 16 characters (openssl rand -base64 32)"));
    }

    private static void ledgerProblems(GatewayConfig.Ledger ledger, List<String> problems) {
        String prefix = "phone-gateway.ledger.";
        if (ledger.retentionDays() < 8) {
            problems.add(prefix + "retention-days must be at least 8 (the quota runway reads the last 7 days)");
        }
        if (ledger.quickPrice().signum() < 0) {
            problems.add(prefix + "quick-price must not be negative");
        }
        if (ledger.realtimePrice().signum() < 0) {
            problems.add(prefix + "realtime-price must not be negative");
        }
        if (!isPositive(ledger.retryInterval())) {
            problems.add(prefix + "retry-interval must be positive");
        }
        if (!isPositive(ledger.redisTimeout())) {
            problems.add(prefix + "redis-timeout must be positive");
        }
        if (!isPositive(ledger.flushInterval())) {
            problems.add(prefix + "flush-interval must be positive");
        }
    }

    /**
     * Redis over TLS with a TLS configuration of the Quarkus TLS registry: that configuration must name its
     * hostname verification algorithm, or the Redis client refuses every connection with a message that names no
     * property. {@code HTTPS} verifies that the certificate names the host of {@code quarkus.redis.hosts}.
     */
    static Optional<String> redisTlsProblem(Optional<String> hosts, Optional<String> tlsConfigurationName,
            Function<String, Optional<String>> hostnameVerification) {
        boolean tls = hosts.filter(h -> h.contains("rediss://")).isPresent();
        if (!tls || tlsConfigurationName.filter(n -> !n.isBlank()).isEmpty()) {
            return Optional.empty();
        }
        String name = tlsConfigurationName.get().trim();
        return hostnameVerification.apply(name).filter(a -> !a.isBlank()).isPresent() ? Optional.empty()
                : Optional.of("quarkus.tls." + name + ".hostname-verification-algorithm is required for Redis over TLS"
                        + " (quarkus.redis.tls-configuration-name=" + name + "): HTTPS verifies the host name, NONE does not");
    }

    /**
     * Reads from Redis replicas would miss what another replica has just written (replication is asynchronous):
     * a result stored moments ago, and the single-use code would go to WeChat a second time (docs/redis.md).
     */
    static Optional<String> redisReplicasProblem(Optional<String> replicas) {
        return replicas.map(String::trim).filter(r -> !r.isEmpty() && !r.equalsIgnoreCase("never"))
                .map(r -> "quarkus.redis.replicas must be never: a read from a replica can miss a result or token"
                        + " another gateway replica has just stored");
    }

    /**
     * {@code redis://name@host}: the Redis client reads user info without a colon as nothing at all and
     * authenticates as the default user, so an ACL user written this way is silently not used.
     */
    static Optional<String> redisUserProblem(Optional<String> hosts) {
        if (hosts.isEmpty()) {
            return Optional.empty();
        }
        for (String host : hosts.get().split(",")) {
            int scheme = host.indexOf("://");
            int at = host.lastIndexOf('@');
            if (scheme >= 0 && at > scheme && host.substring(scheme + 3, at).indexOf(':') < 0) {
                return Optional.of("quarkus.redis.hosts names a user without ':' before '@', which the Redis client"
                        + " ignores: write rediss://host:port?user=NAME with quarkus.redis.password, or NAME:PASSWORD@host");
            }
        }
        return Optional.empty();
    }

    /** {@code rediss://} on the older {@code quarkus.redis.tls.*} keys, whose hostname verification is off by default. */
    static Optional<String> redisTlsWithoutHostnameVerification(Optional<String> hosts, Optional<String> tlsConfigurationName,
            Optional<String> legacyAlgorithm) {
        boolean tls = hosts.filter(h -> h.contains("rediss://")).isPresent();
        boolean registry = tlsConfigurationName.filter(n -> !n.isBlank()).isPresent();
        boolean off = legacyAlgorithm.map(String::trim).filter(a -> !a.isEmpty() && !a.equalsIgnoreCase("NONE")).isEmpty();
        return tls && !registry && off
                ? Optional.of("Redis over TLS without hostname verification: set quarkus.redis.tls-configuration-name"
                        + " and quarkus.tls.<name>.hostname-verification-algorithm=HTTPS (docs/redis.md)")
                : Optional.empty();
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
        if (limits.lease() < 1) {
            problems.add(prefix + "lease must be at least 1 (1: one Redis round trip per request)");
        }
        if (!isPositive(limits.leaseLifetime())) {
            problems.add(prefix + "lease-lifetime must be positive");
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
