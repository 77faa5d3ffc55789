package io.phonegateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.lookup.ProblemCode;

/**
 * Lets only configured calling services use {@code POST /phone}: {@code Authorization: Bearer <key>},
 * compared in constant time against every configured key. The matching client's name is kept on the
 * request as {@value #CALLER} for logs and metrics. Operations endpoints ({@code /q/*}) are not JAX-RS
 * resources and stay open; protect them in the cluster (README "Security").
 */
class ApiKeyAuthFilter {

    static final String CALLER = "phone-gateway.caller";
    static final String ANONYMOUS = "anonymous";

    private final boolean enabled;
    private final Map<String, List<String>> keysByClient;

    ApiKeyAuthFilter(GatewayConfig config) {
        this.enabled = config.auth().enabled();
        this.keysByClient = config.auth().apiKeys();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/phone")) {
            return Optional.empty();
        }
        if (!enabled) {
            request.setProperty(CALLER, ANONYMOUS);
            return Optional.empty();
        }
        Optional<String> client = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(this::clientOf);
        if (client.isPresent()) {
            request.setProperty(CALLER, client.get());
            return Optional.empty();
        }
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"phone-gateway\"")
                .entity(Problem.of(ProblemCode.UNAUTHORIZED, "Send 'Authorization: Bearer <api-key>' with a key issued to your service",
                        request.getHeaderString(RequestIdFilter.HEADER)))
                .build());
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
