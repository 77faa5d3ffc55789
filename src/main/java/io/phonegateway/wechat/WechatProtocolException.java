package io.phonegateway.wechat;

/**
 * WeChat's answer could not be used: an HTTP error status, a body that is not the expected JSON, or
 * errcode 0 without phone info. The message never includes the body (it could hold a phone number).
 */
public class WechatProtocolException extends RuntimeException {

    private final WechatApiName api;
    private final int httpStatus;

    public WechatProtocolException(WechatApiName api, int httpStatus, String message) {
        super(api.label() + ": " + message, null, false, false);
        this.api = api;
        this.httpStatus = httpStatus;
    }

    public WechatApiName api() {
        return api;
    }

    /** The HTTP status WeChat answered with. */
    public int httpStatus() {
        return httpStatus;
    }
}
