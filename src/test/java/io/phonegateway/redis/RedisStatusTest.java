package io.phonegateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.TimeoutException;

/** Redis "down" means down: one slow answer is counted but does not switch the replica to solo mode. */
class RedisStatusTest {

    private final RedisStatus status = new RedisStatus();

    @Test
    void aSingleSlowAnswerIsNotAnOutage() {
        status.up();
        status.down(new TimeoutException());
        status.up();
        status.down(new TimeoutException());

        assertThat(status.current()).isEmpty();
    }

    @Test
    void commandsUnansweredForTheWholeWindowAreAnOutage() throws Exception {
        status.up();
        status.down(new TimeoutException());
        Thread.sleep(RedisStatus.SLOW_WINDOW.toMillis() + 50);
        status.down(new TimeoutException());

        assertThat(status.current()).hasValueSatisfying(
                down -> assertThat(down.failure().kind()).isEqualTo(RedisFailure.Kind.TIMEOUT));
        status.up();
        assertThat(status.current()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsAnOutageAtOnce() {
        status.up();
        status.down(new ConnectException("Connection refused"));

        assertThat(status.current()).hasValueSatisfying(
                down -> assertThat(down.failure().kind()).isEqualTo(RedisFailure.Kind.CONNECTION_LOST));
    }
}
