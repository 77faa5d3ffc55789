package io.phonegateway.client;

import java.util.Optional;

/**
 * The user behind a {@code wx.login} code, as {@code POST /login} answers it; WeChat's {@code session_key} never
 * leaves the gateway.
 *
 * @param openid    the user's openid in this mini-program
 * @param unionid   the user's unionid across the company's apps, or null when WeChat gives none
 * @param phone     the phone number, when the call carried a phone code
 * @param requestId the call's X-Request-Id
 */
public record Login(String openid, String unionid, PhoneNumber phone, String requestId) {

    public Optional<String> union() {
        return Optional.ofNullable(unionid);
    }

    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phone);
    }

    /** Neither the whole openid nor the whole number: a logged result must not leak them. */
    @Override
    public String toString() {
        String id = openid == null || openid.length() < 8 ? "***"
                : openid.substring(0, 4) + "***" + openid.substring(openid.length() - 4);
        return "Login[openid=" + id + ", phone=" + phone + ", requestId=" + requestId + "]";
    }
}
