package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RawHttp;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The header-read timeout ({@code phone-gateway.request.header-timeout}, 2 s in %test) on real connections: a head
 * trickled a byte at a time is answered 408 and closed, a connection that never sends is closed, an HTTP/2 header
 * block that stalls closes its connection; idle keep-alive and idle HTTP/2 connections are left alone. Counted, never
 * an ERROR line; the server keeps serving.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class HeaderReadTimeoutTest {

    private static final Duration GIVE_UP = Duration.ofSeconds(20); // far beyond the 2 s timeout
    private static final String REASON = "header_timeout";
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SETTINGS = { 0, 0, 0, 4, 0, 0, 0, 0, 0 };

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHeadTrickledAByteAtATimeIsAnswered408AndClosed() throws Exception {
        Scrape before = Scrape.now();
        byte[] head = "POST /phone HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa"
                .getBytes(StandardCharsets.US_ASCII);
        try (CapturedLogs logs = CapturedLogs.start(); Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            int sent = 0;
            // a byte every 250 ms would take over 18 s: the answer must come while the head still trickles
            while (sent < head.length && socket.getInputStream().available() == 0) {
                out.write(head[sent++]);
                out.flush();
                Thread.sleep(250);
            }
            assertThat(sent).as("bytes sent before the answer").isLessThan(head.length);
            RawHttp.Answer answer = RawHttp.readAnswer(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(answer.body()).contains("\"code\":\"REQUEST_TIMEOUT\"")
                    .contains("\"requestId\":\"" + answer.header("X-Request-Id") + "\"");
            assertClosedByServer(socket);
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).startsWith("ERROR"));
        }
        assertCountedOnceSince(before);
        assertStillServing();
    }

    @Test
    void aConnectionThatNeverSendsIsClosedWithoutAnAnswer() throws Exception {
        Scrape before = Scrape.now();
        try (Socket socket = connect()) {
            assertThat(socket.getInputStream().read()).as("closed, nothing written").isEqualTo(-1);
        }
        assertCountedOnceSince(before);
    }

    @Test
    void anIdleKeepAliveConnectionIsNotCutAndItsNextHeadIsTimedAgain() throws Exception {
        Scrape before = Scrape.now();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(get("/q/health/live"));
            out.flush();
            assertThat(RawHttp.readAnswer(socket.getInputStream()).status()).isEqualTo(200);
            Thread.sleep(3_000); // idle beyond the header timeout: the idle timeout's business, not this one's
            out.write(get("/q/health/live"));
            out.flush();
            assertThat(RawHttp.readAnswer(socket.getInputStream()).status()).as("answered after idling").isEqualTo(200);
            out.write("GET /q/health/live HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(RawHttp.readAnswer(socket.getInputStream()).status()).as("a stalled second head").isEqualTo(408);
        }
        assertCountedOnceSince(before);
    }

    @Test
    void aStalledHttp2HeaderBlockClosesTheConnection() throws Exception {
        Scrape before = Scrape.now();
        try (CapturedLogs logs = CapturedLogs.start(); Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            out.write(EMPTY_SETTINGS);
            // HEADERS on stream 1 announcing 20 bytes with END_HEADERS, of which 3 arrive
            out.write(new byte[] { 0, 0, 20, 1, 0x4 | 0x1, 0, 0, 0, 1, (byte) 0x83, (byte) 0x86, (byte) 0x84 });
            out.flush();
            assertThat(readToEnd(socket.getInputStream())).as("the connection closed").isTrue();
            assertThat(logs.lines()).noneSatisfy(line -> assertThat(line).startsWith("ERROR"));
        }
        assertCountedOnceSince(before);
        assertStillServing();
    }

    @Test
    void anIdleHttp2ConnectionStaysOpen() throws Exception {
        Scrape before = Scrape.now();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            out.write(EMPTY_SETTINGS);
            out.flush();
            Thread.sleep(3_000);
            out.write(new byte[] { 0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 }); // PING
            out.flush();
            assertThat(readUntilPingAck(socket.getInputStream())).as("PING answered after idling").isTrue();
        }
        assertThat(Scrape.now().value(FrameworkRefusals.REFUSALS, "reason", REASON))
                .isEqualTo(before.value(FrameworkRefusals.REFUSALS, "reason", REASON));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", base.getPort());
        socket.setSoTimeout((int) GIVE_UP.toMillis());
        return socket;
    }

    private static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void assertCountedOnceSince(Scrape before) {
        assertThat(Scrape.now().value(FrameworkRefusals.REFUSALS, "reason", REASON)
                - before.value(FrameworkRefusals.REFUSALS, "reason", REASON)).isEqualTo(1);
    }

    private void assertStillServing() throws IOException {
        assertThat(RawHttp.exchange(base.getPort(), RawHttp.request("GET /q/health/live HTTP/1.1\nHost: t\nConnection: close",
                new byte[0]), GIVE_UP).status()).isEqualTo(200);
    }

    /** True when the server closed the connection (not when the read timed out). */
    private static boolean readToEnd(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // the server's SETTINGS and its acknowledgement of ours
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** Reads HTTP/2 frames until a PING with the ACK flag; false if the connection ends first. */
    private static boolean readUntilPingAck(InputStream in) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(9);
            if (header.length < 9) {
                return false;
            }
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            in.readNBytes(length);
            if (header[3] == 6 && (header[4] & 1) == 1) {
                return true;
            }
        }
    }

    /**
     * The server closed the connection: the next read ends the stream, or is reset when a byte the trickle sent after
     * the answer reached the closed socket (the loop checks for the answer before each byte, so one may cross it).
     */
    private static void assertClosedByServer(Socket socket) throws IOException {
        int next;
        try {
            next = socket.getInputStream().read();
        } catch (SocketException reset) {
            assertThat(reset).hasMessageContaining("reset");
            return;
        }
        assertThat(next).as("closed after the answer").isEqualTo(-1);
    }
}
