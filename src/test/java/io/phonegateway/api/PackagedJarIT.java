package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RawHttp;
import io.restassured.http.ContentType;

/** The packaged service, started as users start it, in the production profile. */
class PackagedJarIT {

    @Test
    void servesALookupAgainstItsOwnSimulatorWhenTold() throws Exception {
        Map<String, String> props = GatewayProcess.selfContained();
        props.put("quarkus.rest-client.wechat.url", "http://localhost:{port}/simulator");
        props.put("phone-gateway.request.header-timeout", "1s");
        try (GatewayProcess gateway = GatewayProcess.start("packaged-lookup", props)) {
            String code = given().baseUri(gateway.url()).contentType(ContentType.JSON)
                    .body(Map.of("phoneNumber", "13800138000"))
                    .post("/simulator/control/codes").then().statusCode(201).extract().path("code");

            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("code", code))
                    .when().post("/phone")
                    .then().statusCode(200).body("e164", equalTo("+8613800138000"));
            assertThat(gateway.log()).doesNotContain("13800138000").doesNotContain(code).doesNotContain("it-secret-of-demo");
            // the packaged jar runs on epoll where it can (Linux, an executable /tmp) and says so
            if (System.getProperty("os.name").startsWith("Linux")) {
                assertThat(gateway.log()).containsPattern("I/O on epoll, \\d+ event loop\\(s\\) for \\d+ CPU\\(s\\)");
            }

            // the header-read timeout's Vert.x service provider is found in the fast-jar too
            RawHttp.Answer stalled = RawHttp.exchange(gateway.port(),
                    "POST /phone HTTP/1.1\r\nHost: t\r\nContent-Ty".getBytes(StandardCharsets.US_ASCII),
                    Duration.ofSeconds(20));
            assertThat(stalled.status()).isEqualTo(408);
            assertThat(stalled.body()).contains("\"code\":\"REQUEST_TIMEOUT\"");
        }
    }

    @Test
    void overTlsTheHeadClockReadsDecryptedBytes(@TempDir Path dir) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "cert.pem").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).as("openssl").isZero();
        Map<String, String> props = GatewayProcess.selfContained();
        props.put("quarkus.http.ssl.certificate.files", dir.resolve("cert.pem").toString());
        props.put("quarkus.http.ssl.certificate.key-files", dir.resolve("key.pem").toString());
        props.put("phone-gateway.request.header-timeout", "1s");
        try (GatewayProcess gateway = GatewayProcess.start("packaged-tls", props)) {
            int tlsPort = httpsPort(gateway);
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] { new TrustEverything() }, null);
            try (Socket socket = trustAll.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /q/health/live HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                RawHttp.Answer first = RawHttp.readAnswer(in);
                assertThat(first.status()).as("a request over TLS").isEqualTo(200);
                out.write("GET /q/health/live HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawHttp.Answer stalled = RawHttp.readAnswer(in);
                assertThat(stalled.status()).as("a stalled head over TLS").isEqualTo(408);
                assertThat(stalled.body()).contains("\"code\":\"REQUEST_TIMEOUT\"");
            }
        }
    }

    /** The HTTPS port of the start line, which may come a moment after readiness. */
    private static int httpsPort(GatewayProcess gateway) throws InterruptedException {
        Pattern https = Pattern.compile("https://[0-9.]+:([0-9]+)");
        for (int i = 0; i < 100; i++) {
            Matcher listening = https.matcher(gateway.log());
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no HTTPS port in the log: " + gateway.log());
    }

    /** The test's own self-signed certificate: what is tested is the clock behind TLS, not trust. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void theSimulatorIsUnreachableWhenOff() {
        Map<String, String> props = GatewayProcess.selfContained();
        props.remove("phone-gateway.simulator.enabled");
        try (GatewayProcess gateway = GatewayProcess.start("packaged-no-simulator", props)) {
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body(Map.of("phoneNumber", "13800138000"))
                    .post("/simulator/control/codes").then().statusCode(404);
            given().baseUri(gateway.url()).contentType(ContentType.JSON).body("{\"grant_type\":\"client_credential\"}")
                    .post("/simulator/cgi-bin/stable_token").then().statusCode(404);
            given().baseUri(gateway.url()).get("/simulator/control/stats").then().statusCode(404);
        }
    }

    @Test
    void refusesToStartWithoutAnApp() throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("phone-gateway.auth.enabled", "false");
        props.put("phone-gateway.token.store", "local");
        GatewayProcess gateway = GatewayProcess.launch("packaged-no-app", props, Map.of());
        try {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.log()).contains("phone-gateway.apps.<name>.app-id is required");
        } finally {
            gateway.close();
        }
    }
}
