package io.phonegateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrcodesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "-1, BUSY",
            "40029, INVALID_CODE",
            "40001, TOKEN_REJECTED",
            "40014, TOKEN_REJECTED",
            "42001, TOKEN_REJECTED",
            "41001, TOKEN_REJECTED",
            "40013, AUTH_FAILED",
            "40125, AUTH_FAILED",
            "40164, AUTH_FAILED",
            "41002, AUTH_FAILED",
            "41004, AUTH_FAILED",
            "40243, AUTH_FAILED",
            "48001, AUTH_FAILED",
            "89503, AUTH_FAILED",
            "89506, AUTH_FAILED",
            "89507, AUTH_FAILED",
            "85107, AUTH_FAILED",
            "45009, RATE_LIMITED",
            "45011, RATE_LIMITED",
            "85113, UNAVAILABLE",
            "47001, UPSTREAM_ERROR",
            "40002, UPSTREAM_ERROR",
            "43002, UPSTREAM_ERROR",
            "99999, UPSTREAM_ERROR",
            "0, UPSTREAM_ERROR" })
    void mapsEachErrcodeToItsKind(int errcode, ErrorKind kind) {
        assertThat(Errcodes.kindOf(errcode)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "jscode2session {0} -> {1}")
    @CsvSource({
            "40029, INVALID_CODE",
            "40163, INVALID_CODE",
            "45011, USER_RATE_LIMITED",
            "40226, USER_BLOCKED",
            "-1, BUSY",
            "40125, AUTH_FAILED",
            "40013, AUTH_FAILED",
            "40003, UPSTREAM_ERROR",
            "99999, UPSTREAM_ERROR" })
    void jscode2sessionErrcodesMeanWhatItsDocumentationSays(int errcode, ErrorKind kind) {
        assertThat(Errcodes.kindOf(WechatApiName.JSCODE2SESSION, errcode)).isEqualTo(kind);
        assertThat(new WechatException(WechatApiName.JSCODE2SESSION, errcode, null).kind()).isEqualTo(kind);
    }

    @Test
    void loginOnlyErrcodesKeepTheirGeneralMeaningElsewhere() {
        assertThat(Errcodes.kindOf(WechatApiName.GET_USER_PHONE_NUMBER, 45011)).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(Errcodes.kindOf(WechatApiName.GET_USER_PHONE_NUMBER, 40226)).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(Errcodes.isCatalogued(40163)).isTrue();
        assertThat(Errcodes.isCatalogued(40226)).isTrue();
    }

    @Test
    void exceptionReportsKindOfItsErrcode() {
        assertThat(new WechatException(WechatApiName.GET_USER_PHONE_NUMBER, 40029, null).kind())
                .isEqualTo(ErrorKind.INVALID_CODE);
    }

    @Test
    void parsesRidFromErrmsg() {
        assertThat(Errcodes.ridOf("invalid code hint: [abc] rid: 6405d3a1-1b2c3d4e-5f6a7b8c"))
                .contains("6405d3a1-1b2c3d4e-5f6a7b8c");
        assertThat(Errcodes.ridOf("invalid appsecret rid:6405d3a2-0a1b2c3d-4e5f6a7b, more text"))
                .contains("6405d3a2-0a1b2c3d-4e5f6a7b");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "system error", "invalid code hint: [abc]" })
    void noRidWhenErrmsgHasNone(String errmsg) {
        assertThat(Errcodes.ridOf(errmsg)).isEmpty();
    }
}
