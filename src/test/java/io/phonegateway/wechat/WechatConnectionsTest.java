package io.phonegateway.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/** The replica's WeChat connections: a call beyond them waits a bounded time, then fails unsent. */
class WechatConnectionsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aCallBeyondTheConnectionsWaitsForOneToFreeUp() throws Exception {
        WechatConnections connections = new WechatConnections(1, Duration.ofSeconds(5), registry);
        CompletableFuture<String> firstAnswer = new CompletableFuture<>();

        var first = connections.run(WechatApiName.GET_USER_PHONE_NUMBER,
                () -> Uni.createFrom().completionStage(firstAnswer)).subscribeAsCompletionStage();
        var second = connections.run(WechatApiName.GET_USER_PHONE_NUMBER, () -> Uni.createFrom().item("second"))
                .subscribeAsCompletionStage();

        assertThat(second).isNotDone();
        assertThat(connections.inUse()).isEqualTo(1);
        firstAnswer.complete("first");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(connections.inUse()).isZero();
        assertThat(waits("got")).isEqualTo(1);
    }

    @Test
    void aCallThatFindsEveryConnectionBusyTooLongFailsUnsent() throws Exception {
        WechatConnections connections = new WechatConnections(1, Duration.ofMillis(100), registry);
        CompletableFuture<String> never = new CompletableFuture<>();
        connections.run(WechatApiName.GET_USER_PHONE_NUMBER, () -> Uni.createFrom().completionStage(never))
                .subscribeAsCompletionStage();
        boolean[] sent = { false };

        Throwable failure = connections.run(WechatApiName.GET_USER_PHONE_NUMBER, () -> {
            sent[0] = true;
            return Uni.createFrom().item("late");
        }).onItem().<Throwable> transform(item -> null).onFailure().recoverWithItem(f -> f)
                .await().atMost(Duration.ofSeconds(5));

        assertThat(failure).isInstanceOf(ConnectionsBusyException.class);
        assertThat(((WechatTransportException) failure).requestMayHaveArrived()).isFalse();
        assertThat(UpstreamBreakers.isUpstreamFailure(failure)).isFalse();
        assertThat(sent[0]).isFalse();
        assertThat(waits("gave_up")).isEqualTo(1);
        never.complete("done");
        assertThat(connections.inUse()).isZero();
    }

    @Test
    void aFailedCallFreesItsConnection() {
        WechatConnections connections = new WechatConnections(1, Duration.ofMillis(100), registry);

        connections.run(WechatApiName.GET_USER_PHONE_NUMBER, () -> Uni.createFrom().failure(new IllegalStateException()))
                .onFailure().recoverWithItem("failed").await().atMost(Duration.ofSeconds(5));

        assertThat(connections.inUse()).isZero();
        assertThat(connections.run(WechatApiName.GET_USER_PHONE_NUMBER, () -> Uni.createFrom().item("next"))
                .await().atMost(Duration.ofSeconds(5))).isEqualTo("next");
    }

    private double waits(String outcome) {
        return registry.get(WechatConnections.WAITS).tag("outcome", outcome).counter().count();
    }
}
