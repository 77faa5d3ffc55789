package io.phonegateway.wechat;

import java.time.Duration;

/**
 * Every connection to WeChat stayed busy for {@code lookup.connection-wait}: the request was never sent, so it is
 * safe to repeat, and it says nothing about WeChat's health (no breaker counts it).
 */
public class ConnectionsBusyException extends WechatTransportException {

    private final int connections;
    private final Duration waited;

    ConnectionsBusyException(WechatApiName api, int connections, Duration waited) {
        super(api, false, false, null);
        this.connections = connections;
        this.waited = waited;
    }

    public int connections() {
        return connections;
    }

    public Duration waited() {
        return waited;
    }
}
