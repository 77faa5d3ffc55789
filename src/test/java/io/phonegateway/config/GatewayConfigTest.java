package io.phonegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.ConfigFixture;

class GatewayConfigTest {

    private static final String SHOP = "wx1111111111111111";
    private static final String GAME = "wx2222222222222222";

    @Test
    void appsComeFromMapKeyedEnvironmentVariables() {
        GatewayConfig config = ConfigFixture.fromEnvironment(Map.of(
                "PHONE_GATEWAY_APPS_SHOP_APP_ID", SHOP,
                "PHONE_GATEWAY_APPS_SHOP_APP_SECRET", "s3cret",
                "PHONE_GATEWAY_TOKEN_MODE", "classic"));

        assertThat(config.apps()).containsOnlyKeys("shop");
        assertThat(config.apps().get("shop").appId()).isEqualTo(SHOP);
        assertThat(config.apps().get("shop").appSecret()).contains("s3cret");
        assertThat(config.token().mode()).isEqualTo(TokenMode.CLASSIC);
    }

    @Test
    void defaultsAreThoseOfTheContract() {
        GatewayConfig config = ConfigFixture.fromProperties(Map.of("phone-gateway.apps.shop.app-id", SHOP));

        assertThat(config.token().mode()).isEqualTo(TokenMode.STABLE);
        assertThat(config.token().store()).isEqualTo(StoreKind.REDIS);
        assertThat(config.auth().enabled()).isTrue();
        assertThat(config.simulator().enabled()).isFalse();
    }

    @Test
    void theOnlyAppIsTheDefault() {
        AppRegistry apps = new AppRegistry(ConfigFixture.fromProperties(Map.of("phone-gateway.apps.shop.app-id", SHOP)));

        assertThat(apps.resolve(Optional.empty())).map(WechatApp::name).contains("shop");
        assertThat(apps.resolve(Optional.of(SHOP))).map(WechatApp::name).contains("shop");
        assertThat(apps.resolve(Optional.of(GAME))).isEmpty();
    }

    @Test
    void severalAppsNeedADefaultOrAnAppId() {
        Map<String, String> two = Map.of("phone-gateway.apps.shop.app-id", SHOP, "phone-gateway.apps.game.app-id", GAME);
        AppRegistry noDefault = new AppRegistry(ConfigFixture.fromProperties(two));
        assertThat(noDefault.resolve(Optional.empty())).isEmpty();
        assertThat(noDefault.resolve(Optional.of(GAME))).map(WechatApp::name).contains("game");

        Map<String, String> withDefault = new java.util.HashMap<>(two);
        withDefault.put("phone-gateway.default-app", "game");
        AppRegistry apps = new AppRegistry(ConfigFixture.fromProperties(withDefault));
        assertThat(apps.resolve(Optional.empty())).map(WechatApp::name).contains("game");
    }

    @Test
    void aSecretNeverShowsInToString() {
        WechatApp app = new WechatApp("shop", SHOP, Optional.of("s3cret"));
        assertThat(app.toString()).doesNotContain("s3cret");
    }
}
