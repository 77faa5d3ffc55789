package io.phonegateway.wechat;

/** The WeChat APIs the gateway calls; {@link #label()} is the {@code api} label of the metrics. */
public enum WechatApiName {
    GET_USER_PHONE_NUMBER("getuserphonenumber"),
    STABLE_TOKEN("stable_token"),
    TOKEN("token"),
    /** {@code /wxa/charge/usage/get}: the paid quota poller's call, never on a lookup's path. */
    CHARGE_USAGE("charge_usage"),
    /** {@code /sns/jscode2session} (auth.code2Session): a wx.login code for the user's openid, with the AppSecret. */
    JSCODE2SESSION("jscode2session");

    private final String label;

    WechatApiName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
