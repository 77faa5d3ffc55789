package io.phonegateway.wechat;

import static io.phonegateway.wechat.Fixtures.wechat;
import static io.phonegateway.wechat.WechatApiName.JSCODE2SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** jscode2session answers: openid and unionid kept, session_key never. */
class SessionAnswersTest {

    private static LoginSession session(String body) {
        return WechatAnswers.session(JSCODE2SESSION, 200, body);
    }

    @Test
    void readsWechatsDocumentedExample() {
        assertThat(session(wechat("jscode2session-doc-example.json"))).isEqualTo(new LoginSession("xxxxxx", "xxxxx"));
    }

    @Test
    void unionidIsNullWhenAbsentOrBlank() {
        assertThat(session("{\"openid\":\"o1\",\"session_key\":\"k\"}").unionid()).isNull();
        assertThat(session("{\"openid\":\"o1\",\"session_key\":\"k\",\"unionid\":\"\"}").unionid()).isNull();
    }

    @Test
    void theSessionKeyAppearsNowhere() {
        LoginSession session = session("{\"openid\":\"o1\",\"session_key\":\"SECRET-SESSION-KEY\",\"unionid\":\"u1\"}");

        assertThat(session.toString()).doesNotContain("SECRET-SESSION-KEY", "o1", "u1");
        assertThat(LoginSession.class.getRecordComponents()).extracting(c -> c.getName()).containsExactly("openid", "unionid");
    }

    @Test
    void anAnswerWithoutOpenidIsUnusable() {
        assertThatThrownBy(() -> session("{\"session_key\":\"SECRET-SESSION-KEY\"}"))
                .isInstanceOf(WechatProtocolException.class)
                .hasMessageNotContaining("SECRET-SESSION-KEY");
    }

    @Test
    void anErrcodeIsAWechatExceptionWithItsLoginMeaning() {
        assertThatThrownBy(() -> session("{\"errcode\":40163,\"errmsg\":\"code been used, rid: 6470772f-0fdc286a-38ee1dc2\"}"))
                .isInstanceOfSatisfying(WechatException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_CODE);
                    assertThat(e.rid()).contains("6470772f-0fdc286a-38ee1dc2");
                });
    }
}
