package io.phonegateway.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * The one rule for "this request is a lookup" ({@code POST /phone} or {@code POST /login}), used by every filter:
 * whatever path Quarkus REST routes to their resources is authenticated, limited, size-checked, timed out, counted and
 * logged exactly like {@code /phone}. Vert.x has already resolved dot segments, double slashes and percent-encoded
 * unreserved characters ({@code /x/../phone}, {@code //phone}, {@code /%70hone}); {@link #canonical} then drops what
 * Quarkus REST ignores: matrix parameters of any segment ({@code /phone;x=1}) and empty segments ({@code /login/},
 * {@code /phone//}). A variant this rule takes for a lookup but Quarkus REST answers 404 (e.g. {@code /phone/;a/}) is
 * not recorded as one ({@link LookupRecorder}).
 */
final class LookupPath {

    static final String PATH = "/phone";
    static final String LOGIN = "/login";
    static final String USAGE = "/usage";

    private LookupPath() {
    }

    /** OPTIONS only asks what the path allows ({@link AllowedMethods}): no lookup. */
    static boolean matches(RoutingContext rc) {
        return rc.request().method() != HttpMethod.OPTIONS && matches(rc.normalizedPath());
    }

    /** {@code normalizedPath}: as Vert.x normalized it (dot segments resolved). */
    static boolean matches(String normalizedPath) {
        if (normalizedPath == null) {
            return false;
        }
        String canonical = canonical(normalizedPath);
        return PATH.equals(canonical) || LOGIN.equals(canonical);
    }

    /**
     * Whether the request is {@code GET /usage} (any method but OPTIONS, by the same rule): authenticated and limited
     * like a lookup, but no lookup (not counted or logged as one, no body).
     */
    static boolean isUsage(RoutingContext rc) {
        return rc.request().method() != HttpMethod.OPTIONS && rc.normalizedPath() != null
                && USAGE.equals(canonical(rc.normalizedPath()));
    }

    /** A request of the caller API: a lookup or {@code /usage}; each is authenticated and held to its caller's rate. */
    static boolean isCallerApi(RoutingContext rc) {
        return matches(rc) || isUsage(rc);
    }

    /** Whether the lookup is a {@code POST /login} (by the same rule). */
    static boolean isLogin(RoutingContext rc) {
        return rc.normalizedPath() != null && LOGIN.equals(canonical(rc.normalizedPath()));
    }

    /**
     * {@code /phone;v=1//} as {@code /phone}: segments without their matrix parameters, empty ones left out. Other API
     * paths (e.g. {@code /login}) compare their own path with this form.
     */
    static String canonical(String normalizedPath) {
        if (isCanonical(normalizedPath)) {
            return normalizedPath; // what nearly every request has: no copy
        }
        StringBuilder path = new StringBuilder();
        for (String segment : normalizedPath.split("/")) {
            int matrix = segment.indexOf(';');
            String name = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (!name.isEmpty()) {
                path.append('/').append(name);
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** Already in the form {@link #canonical} gives: from the root, no matrix parameter, no empty segment. */
    private static boolean isCanonical(String path) {
        return path.startsWith("/") && path.indexOf(';') < 0 && !path.contains("//")
                && (path.length() == 1 || !path.endsWith("/"));
    }
}
