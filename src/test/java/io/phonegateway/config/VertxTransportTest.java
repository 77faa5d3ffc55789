package io.phonegateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/** The I/O the gateway runs on, as Quarkus built it from the packaged configuration (docs/performance.md). */
@QuarkusTest
class VertxTransportTest {

    @Inject
    Vertx vertx;

    @Test
    void onLinuxVertxRunsOnEpoll() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "epoll is Linux's");

        assertThat(vertx.isNativeTransportEnabled()).as("Netty's epoll transport (netty-transport-native-epoll)").isTrue();
    }

    @Test
    void oneEventLoopPerCpu() {
        MultithreadEventExecutorGroup loops = (MultithreadEventExecutorGroup) ((VertxInternal) vertx).getEventLoopGroup();

        assertThat(loops.executorCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
