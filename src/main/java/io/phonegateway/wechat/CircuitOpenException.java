package io.phonegateway.wechat;

import java.time.Duration;

/** The breaker of {@link #api()} is open: WeChat was not called; try again after {@link #retryAfter()}. */
public class CircuitOpenException extends RuntimeException {

    private final WechatApiName api;
    private final Duration retryAfter;

    CircuitOpenException(WechatApiName api, Duration retryAfter) {
        super(api.label() + ": circuit open", null, false, false);
        this.api = api;
        this.retryAfter = retryAfter;
    }

    public WechatApiName api() {
        return api;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
