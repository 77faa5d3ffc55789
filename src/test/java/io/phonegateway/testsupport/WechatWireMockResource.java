package io.phonegateway.testsupport;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** WireMock on a free port standing in for WeChat (the gateway's REST client points at it). */
public class WechatWireMockResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("quarkus.rest-client.wechat.url", server.baseUrl());
    }

    public static WireMockServer server() {
        return server;
    }

    /**
     * Runs {@code whileClosed} with nothing listening on WeChat's port (connections are refused), then listens on the
     * same port again, with no stubs: {@link #server()} is a new instance afterwards.
     */
    public static void refuseConnectionsDuring(Runnable whileClosed) {
        int port = server.port();
        server.stop();
        try {
            whileClosed.run();
        } finally {
            server = new WireMockServer(WireMockConfiguration.options().port(port).bindAddress("127.0.0.1"));
            server.start();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
