package io.phonegateway.devui.deployment;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.vertx.http.deployment.HttpRootPathBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;

/**
 * phone-gateway's card in the Dev UI (dev mode only): one page, {@code qwc-phone-gateway.js}, that shows the
 * configured apps (from here, at build time) and the token state (from the readiness check, in the browser), and
 * mints a code at the simulator and looks it up through {@code POST /phone}.
 */
@BuildSteps(onlyIf = IsLocalDevelopment.class)
public class PhoneGatewayDevUiProcessor {

    static final String COMPONENT = "qwc-phone-gateway.js";

    @BuildStep
    CardPageBuildItem card(NonApplicationRootPathBuildItem nonApplicationRoot, HttpRootPathBuildItem httpRoot) {
        Config config = ConfigProvider.getConfig();
        String health = config.getOptionalValue("quarkus.smallrye-health.root-path", String.class).orElse("health");
        Endpoints endpoints = new Endpoints(
                nonApplicationRoot.resolvePath(health + "/ready"),
                httpRoot.resolvePath("phone"),
                httpRoot.resolvePath("simulator/control/codes"),
                config.getOptionalValue("phone-gateway.simulator.enabled", Boolean.class).orElse(false));
        return card(ConfiguredApps.read(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class)),
                endpoints);
    }

    /** Where the page's buttons go, resolved against the configured root paths. */
    record Endpoints(String readiness, String phone, String mint, boolean simulator) {
    }

    static CardPageBuildItem card(List<Map<String, Object>> apps, Endpoints endpoints) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("apps", apps);
        card.addBuildTimeData("readinessPath", endpoints.readiness());
        card.addBuildTimeData("phonePath", endpoints.phone());
        card.addBuildTimeData("mintPath", endpoints.mint());
        card.addBuildTimeData("simulatorEnabled", endpoints.simulator());
        card.addPage(Page.webComponentPageBuilder()
                .title("Gateway")
                .icon("font-awesome-solid:mobile-screen")
                .componentLink(COMPONENT)
                .staticLabel(String.valueOf(apps.size())));
        return card;
    }
}
