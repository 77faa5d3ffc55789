package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.phonegateway.testsupport.H2c;
import io.phonegateway.testsupport.RawHttp;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.MultiMap;

/**
 * What a path allows and what is JSON, on HTTP/1.1 and h2c alike: every 405 carries {@code Allow}, {@code OPTIONS}
 * lists exactly the methods that answer (no {@code HEAD} where HEAD is 405) and is no lookup; only
 * {@code application/json} with optional parameters is JSON, and differing repeated {@code Content-Type} headers are a
 * 400 problem.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class MethodsAndMediaTypesTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);
    private static final String LOOKUPS = "phone_gateway_lookups_total";

    enum Transport {
        HTTP_1_1,
        H2C
    }

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void resetSimulator() {
        Simulator.reset();
    }

    static Stream<Arguments> otherMethods() {
        return Stream.of(Transport.values()).flatMap(t -> Stream.of("GET", "HEAD", "PUT", "DELETE", "PATCH")
                .map(method -> Arguments.of(t, method)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("otherMethods")
    void every405SaysWhatIsAllowed(Transport transport, String method) throws Exception {
        Answer answer = send(transport, method, "/phone", List.of(), new byte[0]);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("OPTIONS, POST");
        if (!method.equals("HEAD")) {
            assertThat(answer.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a405ElsewhereNamesThatPathsMethods(Transport transport) throws Exception {
        Answer answer = send(transport, "DELETE", "/simulator/control/stats", List.of(), new byte[0]);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void optionsListsOnlyWhatAnswersAndIsNoLookup(Transport transport) throws Exception {
        Scrape before = Scrape.now();

        Answer phone = send(transport, "OPTIONS", "/phone", List.of(), new byte[0]);
        Answer stats = send(transport, "OPTIONS", "/simulator/control/stats", List.of(), new byte[0]);

        assertThat(phone.status()).isEqualTo(200);
        assertThat(phone.header("Allow")).isEqualTo("OPTIONS, POST");
        assertThat(stats.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(Scrape.now().value(LOOKUPS, "app", "unknown", "outcome", "ok")
                - before.value(LOOKUPS, "app", "unknown", "outcome", "ok"))
                .isZero();
    }

    static Stream<Arguments> mediaTypes() {
        return Stream.of(Transport.values()).flatMap(t -> Stream.of(
                Arguments.of(t, List.of("*/*"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(t, List.of("application/*"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(t, List.of("application/json-patch+json"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(t, List.of("application/jsonx"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(t, List.of("text/json"), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(t, List.of("application/json", "text/plain"), 400, "INVALID_REQUEST"),
                Arguments.of(t, List.of("text/plain", "application/json"), 400, "INVALID_REQUEST"),
                Arguments.of(t, List.of("application/json; charset=utf-8"), 400, "INVALID_REQUEST"),
                Arguments.of(t, List.of("Application/JSON"), 400, "INVALID_REQUEST"),
                Arguments.of(t, List.of("application/json", "application/json"), 400, "INVALID_REQUEST")));
    }

    /** 400 INVALID_REQUEST for JSON types: the body {@code {}} has no code, so the type itself was accepted. */
    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("mediaTypes")
    void onlyApplicationJsonIsJson(Transport transport, List<String> contentTypes, int status, String code) throws Exception {
        Answer answer = send(transport, "POST", "/phone", contentTypes, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.body()).contains("\"code\":\"" + code + "\"");
        if (contentTypes.size() == 2 && !contentTypes.get(0).equals(contentTypes.get(1))) {
            assertThat(answer.body()).contains("several that differ");
        }
        assertThat(Simulator.allCalls()).isZero();
    }

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private Answer send(Transport transport, String method, String path, List<String> contentTypes, byte[] body)
            throws Exception {
        if (transport == Transport.HTTP_1_1) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\nHost: t\nConnection: close");
            contentTypes.forEach(type -> head.append("\nContent-Type: ").append(type));
            if (body.length > 0) {
                head.append("\nContent-Length: ").append(body.length);
            }
            RawHttp.Answer answer = RawHttp.exchange(base.getPort(), RawHttp.request(head.toString(), body), ANSWER_WITHIN,
                    method.equals("HEAD"));
            return new Answer(answer.status(), answer.headers(), answer.body());
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        contentTypes.forEach(type -> headers.add("Content-Type", type));
        try (H2c h2c = H2c.connect(base.getPort(), H2c.Mode.PRIOR_KNOWLEDGE)) {
            H2c.Answer answer = h2c.exchange(method, path, headers,
                    body.length > 0 ? H2c.Body.withLength(body) : H2c.Body.none(),
                    ANSWER_WITHIN);
            return new Answer(answer.status(), answer.headers(), answer.body());
        }
    }
}
