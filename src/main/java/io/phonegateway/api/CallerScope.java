package io.phonegateway.api;

import java.util.Optional;
import java.util.Set;

import io.phonegateway.config.PhoneOutput;
import io.phonegateway.config.WechatApp;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;

/**
 * What one caller may do ({@code phone-gateway.auth.scopes.<client>}): the apps it may use (all when {@code apps} is
 * empty), whether it may read {@code GET /usage}, and how much of a number it sees.
 */
record CallerScope(String caller, Optional<Set<String>> apps, boolean admin, PhoneOutput output) {

    boolean mayUse(WechatApp app) {
        return apps.isEmpty() || apps.get().contains(app.name());
    }

    /** 403 APP_NOT_IN_SCOPE unless the caller may use {@code app}; before anything reaches WeChat. */
    void requireApp(WechatApp app) {
        if (!mayUse(app)) {
            throw GatewayException.of(ProblemCode.APP_NOT_IN_SCOPE, "Caller " + caller + " may not use app " + app.name()
                    + " (phone-gateway.auth.scopes." + caller + ".apps)");
        }
    }

    /** 403 ADMIN_SCOPE_REQUIRED unless the caller is an admin. */
    void requireAdmin() {
        if (!admin) {
            throw GatewayException.of(ProblemCode.ADMIN_SCOPE_REQUIRED,
                    "GET /usage needs the admin scope (phone-gateway.auth.scopes." + caller + ".admin=true)");
        }
    }
}
