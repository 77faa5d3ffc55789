package io.phonegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.ConfigFixture;

class ConfigValidatorTest {

    private static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put("phone-gateway.apps.shop.app-id", "wx1111111111111111");
        p.put("phone-gateway.apps.shop.app-secret", "s3cret");
        p.put("phone-gateway.auth.api-keys.orders", "key-1,key-2");
        return p;
    }

    private static java.util.List<String> problems(Map<String, String> p) {
        return ConfigValidator.problems(ConfigFixture.fromProperties(p));
    }

    @Test
    void aCompleteConfigurationHasNoProblem() {
        assertThat(problems(valid())).isEmpty();
    }

    @Test
    void noAppIsRefused() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.apps.shop.app-id");
        p.remove("phone-gateway.apps.shop.app-secret");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.apps.<name>.app-id");
    }

    @Test
    void aMissingSecretIsNamedWhenTheModeNeedsOne() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.apps.shop.app-secret");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.apps.shop.app-secret");

        p.put("phone-gateway.token.mode", "cloud");
        assertThat(problems(p)).isEmpty();
    }

    @Test
    void anUnknownDefaultAppIsRefused() {
        Map<String, String> p = valid();
        p.put("phone-gateway.default-app", "nope");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.default-app");
    }

    @Test
    void twoAppsWithOneAppidAreRefused() {
        Map<String, String> p = valid();
        p.put("phone-gateway.apps.copy.app-id", "wx1111111111111111");
        p.put("phone-gateway.apps.copy.app-secret", "other");
        assertThat(problems(p)).singleElement().asString().contains("repeats the appid");
    }

    @Test
    void authenticationWithoutAKeyIsRefused() {
        Map<String, String> p = valid();
        p.remove("phone-gateway.auth.api-keys.orders");
        assertThat(problems(p)).singleElement().asString().contains("phone-gateway.auth.api-keys.<client>");

        p.put("phone-gateway.auth.enabled", "false");
        assertThat(problems(p)).isEmpty();
    }
}
