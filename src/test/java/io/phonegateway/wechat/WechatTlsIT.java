package io.phonegateway.wechat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.phonegateway.testsupport.GatewayProcess;

/**
 * TLS to WeChat is verified: a WeChat stand-in with a self-signed certificate is refused at the handshake (no
 * request reaches it), and the same stand-in is reached once its certificate is trusted explicitly.
 */
class WechatTlsIT {

    private static final String PASSWORD = "tls-it-store";
    private static final Path STORE = Path.of("target", "tls-it", "self-signed.p12");

    private static HttpsServer fakeWechat;
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startSelfSignedWechat() throws Exception {
        Files.createDirectories(STORE.getParent());
        Files.deleteIfExists(STORE);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "wechat", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", STORE.toString(), "-storepass", PASSWORD).inheritIO().start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(STORE)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        fakeWechat = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeWechat.setHttpsConfigurator(new HttpsConfigurator(tls));
        fakeWechat.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] answer = (path.contains("token") ? "{\"access_token\":\"tls-token\",\"expires_in\":7200}"
                    : "{\"errcode\":40029,\"errmsg\":\"invalid code\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fakeWechat.start();
    }

    @AfterAll
    static void stop() {
        if (fakeWechat != null) {
            fakeWechat.stop(0);
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedBeforeAnyRequest() {
        requests.set(0);
        try (GatewayProcess gateway = GatewayProcess.start("tls-untrusted", gatewayOf(Map.of()))) {
            given().baseUri(gateway.url()).contentType("application/json").body("{\"code\":\"tls-code\"}")
                    .post("/phone").then().statusCode(503).body("code", equalTo("UPSTREAM_UNAVAILABLE"));
            assertThat(requests).as("requests that got past the TLS handshake").hasValue(0);
        }
    }

    @Test
    void theSameCertificateIsAcceptedWhenTrustedExplicitly() {
        requests.set(0);
        try (GatewayProcess gateway = GatewayProcess.start("tls-trusted", gatewayOf(Map.of(
                "quarkus.rest-client.wechat.trust-store", STORE.toAbsolutePath().toString(),
                "quarkus.rest-client.wechat.trust-store-password", PASSWORD,
                "quarkus.rest-client.wechat.trust-store-type", "PKCS12")))) {
            given().baseUri(gateway.url()).contentType("application/json").body("{\"code\":\"tls-code\"}")
                    .post("/phone").then().statusCode(422).body("code", equalTo("INVALID_CODE"));
            assertThat(requests).as("token fetch and phone call").hasValue(2);
        }
    }

    private static Map<String, String> gatewayOf(Map<String, String> extra) {
        Map<String, String> p = GatewayProcess.selfContained();
        p.remove("phone-gateway.simulator.enabled");
        p.put("quarkus.rest-client.wechat.url", "https://localhost:" + fakeWechat.getAddress().getPort());
        // a cold JVM's first TLS handshakes on a busy 2-core CI machine: the subject is trust, not latency
        p.put("phone-gateway.lookup.deadline", "30s");
        p.put("quarkus.rest-client.wechat.connect-timeout", "10000");
        p.put("quarkus.rest-client.wechat.read-timeout", "20000");
        p.putAll(extra);
        return p;
    }
}
