package io.phonegateway.api;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Only {@code application/json} (with parameters such as {@code charset=utf-8}) is JSON for {@code POST /phone}:
 * JAX-RS would match {@code @Consumes(application/json)} with no {@code Content-Type}, {@code *}{@code /*} or
 * {@code application/*} too (415 here). Several {@code Content-Type} headers that differ are refused with 400 before
 * Quarkus REST picks the first: a proxy that reads the last one would see another body type. Runs before matching,
 * so it is decided before Quarkus REST's own 415 and before authentication.
 */
class JsonMediaTypeFilter {

    private static final String JSON = "application/json";

    @ServerRequestFilter(preMatching = true)
    void requireJson(ContainerRequestContext request, RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !LookupPath.matches(rc)) {
            return;
        }
        List<String> types = rc.request().headers().getAll("Content-Type");
        if (types.isEmpty()) {
            throw GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send 'Content-Type: application/json'");
        }
        if (types.stream().map(type -> type.trim().toLowerCase(Locale.ROOT)).distinct().count() > 1) {
            throw GatewayException.of(ProblemCode.INVALID_REQUEST,
                    "Send one Content-Type header; this request has several that differ");
        }
        if (!isJson(types.get(0))) {
            throw GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send 'Content-Type: application/json' (parameters such as charset=utf-8 may follow)");
        }
    }

    /** {@code application/json} or {@code Application/JSON; charset=utf-8}; no wildcard, no other type. */
    static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters >= 0 ? contentType.substring(0, parameters) : contentType).trim().equalsIgnoreCase(JSON);
    }
}
