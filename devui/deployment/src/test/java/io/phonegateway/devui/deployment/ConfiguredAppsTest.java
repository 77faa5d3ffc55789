package io.phonegateway.devui.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfiguredAppsTest {

    @Test
    void readsAppIdsByKeyAndNoSecret() {
        Map<String, String> config = Map.of(
                "%dev.phone-gateway.apps.demo.app-id", "wx4f4bc4dec97d474b",
                "phone-gateway.apps.demo.app-id", "wx4f4bc4dec97d474b",
                "phone-gateway.apps.demo.app-secret", "dev-only-secret",
                "phone-gateway.apps.game.app-id", "wx00000000000000b2",
                "phone-gateway.apps.game.app-secret", "another-secret",
                "phone-gateway.default-app", "game");

        List<Map<String, Object>> apps = ConfiguredApps.read(config.keySet(), name -> Optional.ofNullable(config.get(name)));

        assertThat(apps).containsExactly(
                Map.of("name", "demo", "appId", "wx4f4bc4dec97d474b", "isDefault", false),
                Map.of("name", "game", "appId", "wx00000000000000b2", "isDefault", true));
        assertThat(apps.toString()).doesNotContain("secret");
    }

    @Test
    void theOnlyAppIsTheDefaultAndOtherProfilesAppsAreLeftOut() {
        // under dev, %test.phone-gateway.apps.other.app-id has no value
        Map<String, String> values = Map.of("phone-gateway.apps.demo.app-id", "wx4f4bc4dec97d474b");
        List<String> names = List.of("%dev.phone-gateway.apps.demo.app-id", "%test.phone-gateway.apps.other.app-id",
                "phone-gateway.apps..app-id", "phone-gateway.token.mode");

        List<Map<String, Object>> apps = ConfiguredApps.read(names, name -> Optional.ofNullable(values.get(name)));

        assertThat(apps).containsExactly(Map.of("name", "demo", "appId", "wx4f4bc4dec97d474b", "isDefault", true));
    }
}
