package io.phonegateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    void phoneBodyOmitsOpenidWhenAbsent() throws Exception {
        assertThat(json.writeValueAsString(new PhoneNumberRequest("c0de", null)))
                .isEqualTo("{\"code\":\"c0de\"}");
        assertThat(json.writeValueAsString(new PhoneNumberRequest("c0de", "oOPENID")))
                .isEqualTo("{\"code\":\"c0de\",\"openid\":\"oOPENID\"}");
    }

    @Test
    void requestsHideCodeAndSecretInToString() {
        assertThat(new PhoneNumberRequest("c0de", "oOPENID").toString()).doesNotContain("c0de", "oOPENID");
        assertThat(StableTokenRequest.of("wx4f4bc4dec97d474b", "s3cr3t", false).toString()).doesNotContain("s3cr3t");
    }
}
