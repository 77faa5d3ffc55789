package io.phonegateway.api;

import io.vertx.ext.web.RoutingContext;

/**
 * The one rule for "this request is a phone lookup", used by every filter: whatever path Quarkus REST routes to
 * {@code POST /phone}'s resource ({@code /phone/}, {@code /phone/.}, {@code /phone;x=1}) is authenticated, limited,
 * size-checked, timed out, counted and logged exactly like {@code /phone}.
 */
final class LookupPath {

    static final String PATH = "/phone";

    private LookupPath() {
    }

    static boolean matches(RoutingContext rc) {
        return matches(rc.normalizedPath());
    }

    /** {@code normalizedPath}: dot segments already resolved (Vert.x); matrix parameters and trailing slashes are ignored. */
    static boolean matches(String normalizedPath) {
        if (normalizedPath == null || !normalizedPath.startsWith(PATH)) {
            return false;
        }
        int end = normalizedPath.length();
        int matrix = normalizedPath.indexOf(';');
        if (matrix >= 0) {
            end = matrix;
        }
        while (end > PATH.length() && normalizedPath.charAt(end - 1) == '/') {
            end--;
        }
        return end == PATH.length();
    }
}
