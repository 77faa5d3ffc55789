package io.phonegateway.api;

import io.vertx.ext.web.RoutingContext;

/**
 * The one rule for "this request is a lookup" ({@code POST /phone} or {@code POST /login}), used by every filter:
 * whatever path Quarkus REST routes to their resources ({@code /phone/}, {@code /phone/.}, {@code /login;x=1}) is
 * authenticated, limited, size-checked, timed out, counted and logged exactly like {@code /phone}.
 */
final class LookupPath {

    static final String PATH = "/phone";
    static final String LOGIN = "/login";

    private LookupPath() {
    }

    static boolean matches(RoutingContext rc) {
        return matches(rc.normalizedPath());
    }

    /** {@code normalizedPath}: dot segments already resolved (Vert.x); matrix parameters and trailing slashes are ignored. */
    static boolean matches(String normalizedPath) {
        return matches(normalizedPath, PATH) || matches(normalizedPath, LOGIN);
    }

    /** Whether the lookup is a {@code POST /login} (by the same rule). */
    static boolean isLogin(RoutingContext rc) {
        return matches(rc.normalizedPath(), LOGIN);
    }

    private static boolean matches(String normalizedPath, String path) {
        if (normalizedPath == null || !normalizedPath.startsWith(path)) {
            return false;
        }
        int end = normalizedPath.length();
        int matrix = normalizedPath.indexOf(';');
        if (matrix >= 0) {
            end = matrix;
        }
        while (end > path.length() && normalizedPath.charAt(end - 1) == '/') {
            end--;
        }
        return end == path.length();
    }
}
