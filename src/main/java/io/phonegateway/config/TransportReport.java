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
        int loops = ConfigProvider.getConfig().getOptionalValue(EventLoopsPerCpu.PROPERTY, Integer.class)
                .orElse(2 * Runtime.getRuntime().availableProcessors());
        if (vertx.isNativeTransportEnabled()) {
            Log.infof("I/O on epoll, %d event loop(s) for %d CPU(s)", loops, Runtime.getRuntime().availableProcessors());
        } else {
            Throwable cause = vertx.unavailableNativeTransportCause();
            Log.infof("I/O on Java NIO (epoll unavailable: %s), %d event loop(s) for %d CPU(s)",
                    cause == null ? "not asked for" : cause.getMessage(), loops, Runtime.getRuntime().availableProcessors());
        }
    }
}
