package io.phonegateway.token;

import static io.phonegateway.token.Replicas.DEMO;
import static io.phonegateway.token.Replicas.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.Credential;
import io.phonegateway.wechat.PhoneInfo;
import io.phonegateway.wechat.WechatClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Token modes of WeChat Cloud Hosting: {@code cloud} sends no token, {@code cloudbase} the pushed file's token. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class CloudModesTest {

    @Inject
    Replicas replicas;

    @Inject
    WechatClient wechat;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyWorld() {
        Simulator.reset();
    }

    @Test
    void cloudModeCallsTheOpenInterfaceWithoutAnyToken() {
        AccessTokenProvider provider = replicas.provider(Replicas.config(Map.of("phone-gateway.token.mode", "cloud")));
        given().contentType(ContentType.JSON).body(Map.of("enabled", true)).put("/simulator/control/open-interface")
                .then().statusCode(204);

        Credential credential = provider.credentialFor(DEMO, Optional.empty()).await().atMost(WAIT);

        assertThat(credential.kind()).isEqualTo(Credential.Kind.NONE);
        assertThat(lookup(credential).watermark().appId()).isEqualTo(DEMO.appId());
        assertThat(Simulator.calls("stable_token") + Simulator.calls("token")).isZero();
    }

    @Test
    void cloudbaseModeReadsThePushedFileAndRereadsItWhenWechatRejectsTheToken() throws Exception {
        Path file = dir.resolve("cloudbase_access_token");
        Files.writeString(file, "a-token-cloud-hosting-already-replaced\n");
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.mode", "cloudbase",
                "phone-gateway.token.cloudbase-token-file", file.toString()));
        AccessTokenProvider provider = replicas.provider(config);

        Credential stale = provider.credentialFor(DEMO, Optional.empty()).await().atMost(WAIT);
        assertThat(stale.kind()).isEqualTo(Credential.Kind.CLOUDBASE_ACCESS_TOKEN);
        assertThat(stale.value()).isEqualTo("a-token-cloud-hosting-already-replaced");

        String pushed = cloudbaseToken();
        Files.writeString(file, pushed);
        Credential replacement = provider.replacementFor(DEMO, stale).await().atMost(WAIT);

        assertThat(replacement.value()).isEqualTo(pushed);
        assertThat(lookup(replacement).phoneNumber()).isEqualTo("13800138000");
    }

    @Test
    void cloudbaseModePrefersTheCallersHeaderToken() {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.mode", "cloudbase",
                "phone-gateway.token.cloudbase-token-file", dir.resolve("absent").toString()));
        String fromHeader = cloudbaseToken();

        Credential credential = replicas.provider(config).credentialFor(DEMO, Optional.of(fromHeader)).await().atMost(WAIT);

        assertThat(credential.value()).isEqualTo(fromHeader);
        assertThat(lookup(credential).phoneNumber()).isEqualTo("13800138000");
    }

    private PhoneInfo lookup(Credential credential) {
        return wechat.getUserPhoneNumber(DEMO, credential, Simulator.mintCode("13800138000"), null).await().atMost(WAIT);
    }

    private static String cloudbaseToken() {
        return given().contentType(ContentType.JSON).body(Map.of("appId", DEMO.appId()))
                .post("/simulator/control/cloudbase-tokens").then().statusCode(201).extract().path("token");
    }
}
