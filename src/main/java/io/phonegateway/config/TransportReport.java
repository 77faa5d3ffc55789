package io.phonegateway.config;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Says at start what the I/O runs on: epoll, or Java NIO and why (a {@code noexec /tmp}, another OS, the native
 * executable), and how many event loops. Netty falls back silently enough that an operator would not know.
 */
class TransportReport {

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        Throwable unavailable = vertx.unavailableNativeTransportCause();
        String transport = vertx.isNativeTransportEnabled() ? "epoll"
                : "Java NIO (epoll unavailable: " + (unavailable == null ? "not asked for" : unavailable.getMessage()) + ")";
        // EventLoopsPerCpu always has a value; application.properties or the environment may override it
        int loops = ConfigProvider.getConfig().getValue(EventLoopsPerCpu.PROPERTY, Integer.class);
        Log.infof("I/O on %s, %d event loop(s) for %d CPU(s)", transport, loops, Runtime.getRuntime().availableProcessors());
    }
}
