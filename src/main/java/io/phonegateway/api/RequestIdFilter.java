package io.phonegateway.api;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an {@code X-Request-Id}: the caller's when it is a sane token (at most 64 of
 * {@code A-Z a-z 0-9 . _ : -}), else a new UUID. It is echoed on every response, health and metrics
 * included, and set on the request so that later code reads it from the headers.
 */
@ApplicationScoped
class RequestIdFilter {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            assign(rc);
            rc.next();
        }, PRIORITY);
    }

    /** The request's id, given to it now unless it has one: also for refusals that come before any filter. */
    static String assign(RoutingContext rc) {
        String assigned = rc.response().headers().get(HEADER);
        if (assigned != null) {
            return assigned;
        }
        String given = rc.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : fresh();
        rc.request().headers().set(HEADER, id);
        rc.response().putHeader(HEADER, id);
        return id;
    }

    /** A new id, for a request that brought none (or none usable). */
    static String fresh() {
        return UUID.randomUUID().toString();
    }

    static String of(HttpHeaders headers) {
        return headers.getHeaderString(HEADER);
    }
}
