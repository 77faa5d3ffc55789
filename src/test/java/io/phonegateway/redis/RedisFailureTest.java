package io.phonegateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.TimeoutException;
import io.vertx.redis.client.impl.types.ErrorType;

/** How a failed Redis command is named: an error reply is never a lost connection, a refusal names its property. */
class RedisFailureTest {

    @Test
    void errorRepliesAreNamedByTheirCodeWordNotAsLostConnections() {
        for (String reply : List.of("CROSSSLOT Keys in request don't hash to the same slot", "MOVED 3999 127.0.0.1:6381",
                "NOSCRIPT No matching script. Please use EVAL.", "READONLY You can't write against a read only replica.",
                "CLUSTERDOWN The cluster is down", "WRONGTYPE Operation against a key holding the wrong kind of value")) {
            RedisFailure failure = RedisFailure.of(ErrorType.create(reply));
            assertThat(failure.kind()).isEqualTo(RedisFailure.Kind.ERROR_REPLY);
            assertThat(failure.describe()).isEqualTo("error reply " + reply.substring(0, reply.indexOf(' ')));
            assertThat(failure.misconfiguration()).isFalse();
        }
        assertThat(RedisFailure.of(ErrorType.create("NOSCRIPT No matching script")).noScript()).isTrue();
        assertThat(RedisFailure.of(ErrorType.create("ERR unknown command")).describe()).isEqualTo("error reply ERR");
    }

    @Test
    void outagesAreALostConnectionOrNoAnswer() {
        assertThat(RedisFailure.of(new RuntimeException("wrapped", new ConnectException("Connection refused"))).kind())
                .isEqualTo(RedisFailure.Kind.CONNECTION_LOST);
        assertThat(RedisFailure.of(new TimeoutException()).kind()).isEqualTo(RedisFailure.Kind.TIMEOUT);
        // the client's own "reply" for commands in flight on a connection that closed (a killed master)
        assertThat(RedisFailure.of(ErrorType.create("CONNECTION_CLOSED")).describe()).isEqualTo("connection lost");
    }

    @Test
    void refusalsForConfigurationNameThePropertyToCheckAndNoSecret() {
        RedisFailure password = RedisFailure.of(new RuntimeException("connect failed",
                ErrorType.create("WRONGPASS invalid username-password pair or user is disabled.")));
        assertThat(password.kind()).isEqualTo(RedisFailure.Kind.CREDENTIALS_REFUSED);
        assertThat(password.misconfiguration()).isTrue();
        assertThat(password.describe()).contains("quarkus.redis.password").contains("quarkus.redis.hosts");

        RedisFailure tls = RedisFailure.of(new RuntimeException(new SSLHandshakeException("PKIX path building failed")));
        assertThat(tls.kind()).isEqualTo(RedisFailure.Kind.TLS_FAILED);
        assertThat(tls.describe()).contains("quarkus.redis.tls-configuration-name").contains("trust-store");

        assertThat(
                RedisFailure.of(ErrorType.create("NOPERM User phone-gateway has no permissions to run the 'evalsha' command"))
                        .kind())
                .isEqualTo(RedisFailure.Kind.PERMISSION_DENIED);
    }
}
