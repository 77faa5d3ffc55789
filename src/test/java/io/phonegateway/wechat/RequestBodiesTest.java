package io.phonegateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The exact JSON WeChat receives (peer SDKs got stable_token's {@code force_refresh} wrong). */
class RequestBodiesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void stableTokenBodyIsExactlyWhatWechatDocuments() throws Exception {
        assertThat(json.writeValueAsString(StableTokenRequest.of("wx4f4bc4dec97d474b", "s3cr3t", false)))
                .isEqualTo("{\"grant_type\":\"client_credential\",\"appid\":\"wx4f4bc4dec97d474b\","
                        + "\"secret\":\"s3cr3t\",\"force_refresh\":false}");
    }

    @Test
    void stableTokenBodyCarriesForceRefreshTrue() throws Exception {
        assertThat(json.writeValueAsString(StableTokenRequest.of("wx4f4bc4dec97d474b", "s3cr3t", true)))
                .endsWith(",\"force_refresh\":true}");
    }

    @Test
    void phoneBodyOmitsOpenidWhenAbsent() {
        assertThat(new String(new PhoneNumberRequest("c0de", null).json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":\"c0de\"}");
        assertThat(new String(new PhoneNumberRequest("c0de", "oOPENID").json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":\"c0de\",\"openid\":\"oOPENID\"}");
    }

    /** Codes come from callers: whatever they hold, WeChat reads back exactly that string. */
    @Test
    void phoneBodyEscapesWhatJsonMust() throws Exception {
        String code = "a\"b\\c\n\u0001/\u00e9\u7801\ud83d\ude00";
        JsonNode body = json.readTree(new PhoneNumberRequest(code, "o\"x").json());
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("openid").asText()).isEqualTo("o\"x");
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void requestsHideCodeAndSecretInToString() {
        assertThat(new PhoneNumberRequest("c0de", "oOPENID").toString()).doesNotContain("c0de", "oOPENID");
        assertThat(StableTokenRequest.of("wx4f4bc4dec97d474b", "s3cr3t", false).toString()).doesNotContain("s3cr3t");
    }
}
