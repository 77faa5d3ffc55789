package io.phonegateway.wechat;

import static io.phonegateway.wechat.WechatApiName.GET_USER_PHONE_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;

/** Exceptions built the way Vert.x, Netty and the Quarkus REST client raise them. */
class TransportFailuresTest {

    private static final String URI_WITH_TOKEN = "/wxa/business/getuserphonenumber?access_token=T0KEN";

    private static WechatTransportException classify(Throwable t) {
        return TransportFailures.classify(GET_USER_PHONE_NUMBER, t);
    }

    private static ProcessingException wrapped(Throwable cause) {
        return new ProcessingException(cause);
    }

    private static void assertFlags(WechatTransportException e, boolean mayHaveArrived, boolean timeout) {
        assertThat(e.api()).isEqualTo(GET_USER_PHONE_NUMBER);
        assertThat(e.requestMayHaveArrived()).as("requestMayHaveArrived").isEqualTo(mayHaveArrived);
        assertThat(e.timeout()).as("timeout").isEqualTo(timeout);
    }

    @Test
    void connectionRefusedNeverArrived() {
        assertFlags(classify(wrapped(new ConnectException("Connection refused: localhost/127.0.0.1:1"))), false, false);
    }

    @Test
    void unknownHostNeverArrived() {
        assertFlags(classify(wrapped(new UnknownHostException("Failed to resolve 'api.weixin.qq.com'"))), false, false);
    }

    @Test
    void tlsHandshakeFailureNeverArrived() {
        assertFlags(classify(wrapped(new SSLHandshakeException("PKIX path building failed"))), false, false);
    }

    @Test
    void connectTimeoutNeverArrivedButIsATimeout() {
        assertFlags(classify(wrapped(new ConnectTimeoutException("connection timed out after 2000 ms"))), false, true);
        assertFlags(classify(new SocketTimeoutException("connect timed out")), false, true);
    }

    @Test
    void poolTimeoutNeverArrivedButIsATimeout() {
        assertFlags(classify(wrapped(new NoStackTraceTimeoutException(
                "The timeout of 4000 ms has been exceeded when getting a connection to api.weixin.qq.com:443"))),
                false, true);
    }

    @Test
    void readTimeoutMayHaveArrived() {
        assertFlags(classify(wrapped(new NoStackTraceTimeoutException("The timeout period of 4000ms has been "
                + "exceeded while executing POST " + URI_WITH_TOKEN + " for server api.weixin.qq.com:443"))),
                true, true);
        assertFlags(classify(wrapped(ReadTimeoutException.INSTANCE)), true, true);
        assertFlags(classify(new SocketTimeoutException("Read timed out")), true, true);
    }

    @Test
    void connectionClosedAfterSendMayHaveArrived() {
        // the REST client turns HttpClosedException into a plain IOException with the same message
        assertFlags(classify(wrapped(new IOException("Connection was closed"))), true, false);
        assertFlags(classify(wrapped(new HttpClosedException("Connection was closed"))), true, false);
        assertFlags(classify(new VertxException("Connection was closed")), true, false);
        assertFlags(classify(wrapped(new SocketException("Connection reset"))), true, false);
    }

    @Test
    void unknownFailureIsTreatedAsMayHaveArrived() {
        assertFlags(classify(new IllegalStateException("something odd")), true, false);
    }

    @Test
    void causeNeverCarriesTheTokenOrTheOriginalException() {
        WechatTransportException e = classify(wrapped(new NoStackTraceTimeoutException(
                "The timeout period of 4000ms has been exceeded while executing POST " + URI_WITH_TOKEN
                        + " for server api.weixin.qq.com:443")));

        assertThat(e.getMessage()).doesNotContain("T0KEN").doesNotContain("access_token");
        assertThat(e.getCause()).isInstanceOf(TransportFailures.RedactedCause.class);
        assertThat(e.getCause().getMessage())
                .contains("jakarta.ws.rs.ProcessingException", "NoStackTraceTimeoutException", "4000ms")
                .doesNotContain("T0KEN");
        assertThat(e.getCause().getCause()).isNull();
    }

    @Test
    void redactsQueryStringsAndSecretParameters() {
        assertThat(TransportFailures.redact("GET /cgi-bin/token?grant_type=client_credential&secret=S for x"))
                .isEqualTo("GET /cgi-bin/token?*** for x");
        assertThat(TransportFailures.redact("failed: secret=S&appid=wx1 access_token=T"))
                .doesNotContain("=S", "=T");
        assertThat(TransportFailures.redact(null)).isNull();
    }
}
