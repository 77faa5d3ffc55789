package io.phonegateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.ratelimit.RateDecision;
import io.phonegateway.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets only configured calling services use {@code POST /phone}, {@code POST /login} and {@code GET /usage}:
 * {@code Authorization: Bearer <key>},
 * compared in constant time against every configured key. The matching client's name is kept on the
 * request as {@value #CALLER} (for the rate limit) and in its {@link LookupRecord}. Failed authentications are
 * limited per client address ({@code phone-gateway.auth.failure-limit}): past the limit, 429 with {@code Retry-After}.
 * Operations endpoints ({@code /q/*}) are not JAX-RS
 * resources and stay open; protect them in the cluster (docs/security.md).
 */
class ApiKeyAuthFilter {

    static final String CALLER = "phone-gateway.caller";
    static final String ANONYMOUS = "anonymous";
    /** The {@code WWW-Authenticate} of every 401. */
    static final String CHALLENGE = "Bearer realm=\"phone-gateway\"";

    private final boolean enabled;
    private final Map<String, List<String>> keysByClient;
    private final RateLimiter limiter;

    ApiKeyAuthFilter(GatewayConfig config, RateLimiter limiter) {
        this.enabled = config.auth().enabled();
        this.keysByClient = config.auth().apiKeys();
        this.limiter = limiter;
    }

    /**
     * A refusal is a {@link GatewayException}, rendered (with {@code WWW-Authenticate}) by {@link ProblemMapper}. Only
     * a failed authentication is counted against the client address, so a caller with a right key is never held up by
     * others failing from the same address (a shared proxy, say).
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    Uni<Void> authenticate(ContainerRequestContext request, RoutingContext rc) {
        if (!LookupPath.isCallerApi(rc)) {
            return Uni.createFrom().voidItem();
        }
        Optional<String> caller = enabled
                ? bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(this::clientOf)
                : Optional.of(ANONYMOUS);
        if (caller.isPresent()) {
            request.setProperty(CALLER, caller.get());
            rc.put(CALLER, caller.get()); // for CallerScopes
            if (LookupPath.matches(rc)) {
                LookupRecord.of(rc).caller = caller.get();
            }
            return Uni.createFrom().voidItem();
        }
        return limiter.acquireFailedAuthentication(addressOf(rc)).onItem().transform(decision -> {
            throw decision.allowed() ? unauthorized() : tooManyFailures(decision);
        });
    }

    private static GatewayException unauthorized() {
        return GatewayException.of(ProblemCode.UNAUTHORIZED,
                "Send 'Authorization: Bearer <api-key>' with a key issued to your service");
    }

    private static GatewayException tooManyFailures(RateDecision decision) {
        long seconds = RateLimitFilter.retryAfterSeconds(decision);
        return GatewayException.of(ProblemCode.RATE_LIMITED,
                "Too many failed authentications from this address; retry after " + seconds + " s")
                .retryAfter(Duration.ofSeconds(seconds));
    }

    /** The peer's address (behind a proxy: the proxy's, unless quarkus.http.proxy.proxy-address-forwarding is on). */
    private static String addressOf(RoutingContext rc) {
        SocketAddress address = rc.request().remoteAddress();
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).trim()).filter(k -> !k.isEmpty());
    }

    /** Checks every key of every client, so the time taken does not tell which prefix matched. */
    private Optional<String> clientOf(String key) {
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, List<String>> client : keysByClient.entrySet()) {
            for (String candidate : client.getValue()) {
                if (!candidate.isBlank() && MessageDigest.isEqual(given, candidate.getBytes(StandardCharsets.UTF_8))) {
                    match = client.getKey();
                }
            }
        }
        return Optional.ofNullable(match);
    }
}
