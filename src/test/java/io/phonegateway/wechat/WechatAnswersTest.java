package io.phonegateway.wechat;

import static io.phonegateway.wechat.Fixtures.wechat;
import static io.phonegateway.wechat.WechatApiName.GET_USER_PHONE_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WechatAnswersTest {

    private static PhoneInfo phone(String body) {
        return WechatAnswers.phoneInfo(GET_USER_PHONE_NUMBER, 200, body);
    }

    @Test
    void readsWechatsDocumentedExampleWithNumericCountryCode() {
        PhoneInfo info = phone(wechat("phone-doc-example.json"));

        assertThat(info.phoneNumber()).isEqualTo("xxxxxx");
        assertThat(info.purePhoneNumber()).isEqualTo("xxxxxx");
        assertThat(info.countryCode()).isEqualTo("86");
        assertThat(info.watermark()).isEqualTo(new Watermark("xxxx", 1637744274L));
    }

    @Test
    void readsStringCountryCode() {
        PhoneInfo info = phone(wechat("phone-string-country-code.json"));

        assertThat(info).isEqualTo(new PhoneInfo("13800138000", "13800138000", "86",
                new Watermark("wx4f4bc4dec97d474b", 1637744274L)));
    }

    @Test
    void readsCloudCallCamelCaseShape() {
        PhoneInfo info = phone(wechat("phone-cloud-call.json"));

        assertThat(info).isEqualTo(new PhoneInfo("13800138000", "13800138000", "86",
                new Watermark("wx4f4bc4dec97d474b", 1637744274L)));
    }

    @Test
    void keepsForeignPhoneNumberAsSent() {
        PhoneInfo info = phone(wechat("phone-foreign.json"));

        assertThat(info.phoneNumber()).isEqualTo("+85261234567");
        assertThat(info.purePhoneNumber()).isEqualTo("61234567");
        assertThat(info.countryCode()).isEqualTo("852");
    }

    @Test
    void missingErrcodeMeansSuccessAndUnknownFieldsAreIgnored() {
        PhoneInfo info = phone("{\"new_field\":[1,2],\"phone_info\":{\"phoneNumber\":\"13800138000\","
                + "\"extra\":{\"a\":1}}}");

        assertThat(info.phoneNumber()).isEqualTo("13800138000");
        assertThat(info.purePhoneNumber()).isNull();
        assertThat(info.countryCode()).isNull();
        assertThat(info.watermark()).isNull();
    }

    @Test
    void invalidCodeIsWechatExceptionWithRid() {
        WechatException e = catchThrowableOfType(WechatException.class,
                () -> phone(wechat("phone-invalid-code.json")));

        assertThat(e.errcode()).isEqualTo(40029);
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_CODE);
        assertThat(e.api()).isEqualTo(GET_USER_PHONE_NUMBER);
        assertThat(e.rid()).contains("6405d3a1-1b2c3d4e-5f6a7b8c");
        assertThat(e.getMessage()).doesNotContain("abc");
    }

    @Test
    void busyIsWechatExceptionWithoutRid() {
        WechatException e = catchThrowableOfType(WechatException.class, () -> phone(wechat("phone-busy.json")));

        assertThat(e.errcode()).isEqualTo(-1);
        assertThat(e.kind()).isEqualTo(ErrorKind.BUSY);
        assertThat(e.rid()).isEmpty();
    }

    @Test
    void cloudCallErrorShapeIsWechatException() {
        assertThatThrownBy(() -> phone("{\"errCode\":45011,\"errMsg\":\"fail rid: 64-aa\"}"))
                .isInstanceOfSatisfying(WechatException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(45011);
                    assertThat(e.rid()).contains("64-aa");
                });
    }

    @Test
    void successWithoutPhoneInfoIsProtocolError() {
        assertThatThrownBy(() -> phone(wechat("phone-without-phone-info.json")))
                .isInstanceOfSatisfying(WechatProtocolException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(200))
                .hasMessageContaining("without phone info");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"errcode\":0,\"phone_info\":null}",
            "{\"errcode\":0,\"phone_info\":\"13800138000\"}",
            "{\"errcode\":0,\"phone_info\":{}}",
            "{\"errcode\":0,\"phone_info\":{\"phoneNumber\":\"\",\"countryCode\":\"86\"}}",
            "{\"errcode\":0,\"phone_info\":{\"phoneNumber\":{\"n\":1}}}",
            "{\"errcode\":\"zero\",\"phone_info\":{\"phoneNumber\":\"13800138000\"}}" })
    void unusablePhoneInfoIsProtocolError(String body) {
        assertThatThrownBy(() -> phone(body)).isInstanceOf(WechatProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "<html>502 Bad Gateway</html>", "{\"errcode\":0,", "{} trailing",
            "[1,2]", "\"13800138000\"", "42", "null" })
    void bodyThatIsNotAJsonObjectIsProtocolErrorWithoutTheBody(String body) {
        assertThatThrownBy(() -> phone(body))
                .isInstanceOf(WechatProtocolException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("html", "13800138000"));
    }

    @Test
    void nullBodyIsProtocolError() {
        assertThatThrownBy(() -> phone(null)).isInstanceOf(WechatProtocolException.class);
    }

    @Test
    void readsStableTokenAnswer() {
        FetchedToken token = WechatAnswers.token(WechatApiName.STABLE_TOKEN, 200, wechat("stable-token.json"));

        assertThat(token.accessToken()).isEqualTo("ACCESS_TOKEN");
        assertThat(token.expiresIn()).hasSeconds(7200);
        assertThat(token.toString()).doesNotContain("ACCESS_TOKEN");
    }

    @Test
    void tokenErrorIsWechatException() {
        assertThatThrownBy(() -> WechatAnswers.token(WechatApiName.TOKEN, 200, wechat("token-invalid-secret.json")))
                .isInstanceOfSatisfying(WechatException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(40125);
                    assertThat(e.kind()).isEqualTo(ErrorKind.AUTH_FAILED);
                    assertThat(e.api()).isEqualTo(WechatApiName.TOKEN);
                    assertThat(e.rid()).contains("6405d3a2-0a1b2c3d-4e5f6a7b");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"expires_in\":7200}", "{\"access_token\":\"T\"}",
            "{\"access_token\":\"\",\"expires_in\":7200}", "{\"access_token\":\"T\",\"expires_in\":0}",
            "{\"access_token\":\"T\",\"expires_in\":\"soon\"}", "{\"errcode\":0,\"errmsg\":\"ok\"}", "[]" })
    void tokenAnswerWithoutTokenOrLifetimeIsProtocolError(String body) {
        assertThatThrownBy(() -> WechatAnswers.token(WechatApiName.STABLE_TOKEN, 200, body))
                .isInstanceOf(WechatProtocolException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\"T\""));
    }

    @Test
    void errorInFindsWechatErrcodeOnlyInWechatAnswers() {
        assertThat(WechatAnswers.errorIn(GET_USER_PHONE_NUMBER, 503, wechat("phone-busy.json")))
                .hasValueSatisfying(e -> assertThat(e.errcode()).isEqualTo(-1));
        assertThat(WechatAnswers.errorIn(GET_USER_PHONE_NUMBER, 502, "<html>bad gateway</html>")).isEmpty();
        assertThat(WechatAnswers.errorIn(GET_USER_PHONE_NUMBER, 500, "")).isEmpty();
        assertThat(WechatAnswers.errorIn(GET_USER_PHONE_NUMBER, 500, "{\"errcode\":0}")).isEmpty();
    }
}
