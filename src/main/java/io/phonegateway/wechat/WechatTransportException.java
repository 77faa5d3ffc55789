package io.phonegateway.wechat;

/**
 * No answer from WeChat: connection refused, reset, or read timeout. {@link #requestMayHaveArrived()}
 * tells whether WeChat may have processed the request (and so spent a phone code) before the answer was
 * lost: false only when the connection could not be made at all.
 */
public class WechatTransportException extends RuntimeException {

    private final WechatApiName api;
    private final boolean requestMayHaveArrived;
    private final boolean timeout;

    public WechatTransportException(WechatApiName api, boolean requestMayHaveArrived, boolean timeout, Throwable cause) {
        super(api.label() + ": " + (timeout ? "no answer in time" : "connection failed"), cause, false, false);
        this.api = api;
        this.requestMayHaveArrived = requestMayHaveArrived;
        this.timeout = timeout;
    }

    public WechatApiName api() {
        return api;
    }

    public boolean requestMayHaveArrived() {
        return requestMayHaveArrived;
    }

    public boolean timeout() {
        return timeout;
    }
}
