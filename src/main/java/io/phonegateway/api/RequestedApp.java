package io.phonegateway.api;

import java.util.Optional;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.WechatApp;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;

/** The app a request's optional {@code appId} means, or the UNKNOWN_APP problem saying why none does (every resource). */
final class RequestedApp {

    private RequestedApp() {
    }

    static WechatApp resolve(AppRegistry apps, Optional<String> appId) {
        return apps.resolve(appId)
                .orElseThrow(() -> GatewayException.of(ProblemCode.UNKNOWN_APP, unknownAppDetail(apps, appId)));
    }

    /** Why no app matched; a configured app's name in {@code appId} is told apart, with the appid it stands for. */
    private static String unknownAppDetail(AppRegistry apps, Optional<String> appId) {
        if (appId.isEmpty()) {
            return "'appId' is required: several apps are configured and no default app is set";
        }
        return apps.all().stream().filter(app -> app.name().equals(appId.get())).findFirst()
                .map(app -> "'appId' wants the mini-program's appid (wx followed by 16 hex digits), not the app's name in"
                        + " this gateway's configuration: send \"" + app.appId() + "\" for '" + app.name() + "'")
                .orElse("'appId' is not an app configured on this gateway");
    }
}
