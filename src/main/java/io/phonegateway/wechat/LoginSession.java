package io.phonegateway.wechat;

/**
 * Who a {@code wx.login} code belongs to, as jscode2session answered. Deliberately without the {@code session_key}
 * WeChat sends along: the gateway needs none, so it keeps none. {@link #toString()} hides both ids.
 *
 * @param openid the user's id within this mini-program
 * @param unionid the user's id across the Open Platform account, or null when the app is bound to none
 */
public record LoginSession(String openid, String unionid) {

    @Override
    public String toString() {
        return "LoginSession[unionid=" + (unionid == null ? "none" : "present") + "]";
    }
}
