package io.phonegateway.wechat;

/** The WeChat APIs the gateway calls; {@link #label()} is the {@code api} label of the metrics. */
public enum WechatApiName {
    GET_USER_PHONE_NUMBER("getuserphonenumber"),
    STABLE_TOKEN("stable_token"),
    TOKEN("token");

    private final String label;

    WechatApiName(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
