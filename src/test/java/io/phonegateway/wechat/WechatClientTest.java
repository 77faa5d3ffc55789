package io.phonegateway.wechat;

import static io.phonegateway.wechat.Fixtures.wechat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;

import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phonegateway.config.WechatApp;
import io.phonegateway.testsupport.ConfigFixture;
import io.smallrye.mutiny.Uni;

/** The decorator against a fake {@link WechatApi}: no Quarkus boot, no HTTP. */
class WechatClientTest {

    private final FakeApi fake = new FakeApi();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private static final WechatApp DEMO = new WechatApp("demo", "wx4f4bc4dec97d474b", Optional.empty());
    private static final WechatApp OTHER = new WechatApp("other", "wx00000000000000b2", Optional.empty());

    private final WechatMetrics metrics = new WechatMetrics(meters, List.of("demo", "other"));
    private final WechatClient client = new WechatClient(fake, BREAKERS, metrics,
            new WechatConnections(200, java.time.Duration.ofSeconds(1), meters));

    /** Breakers are named, hence one set per JVM; a fresh start for each test. */
    private static final UpstreamBreakers BREAKERS = new UpstreamBreakers(ConfigFixture.fromProperties(Map.of()),
            new WechatMetrics(new SimpleMeterRegistry(), List.of()));

    @BeforeEach
    void closeBreakers() {
        BREAKERS.reset();
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void accessTokenGoesIntoAccessTokenParameter() {
        fake.answer(200, wechat("phone-string-country-code.json"));

        PhoneInfo info = await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null));

        assertThat(info.phoneNumber()).isEqualTo("13800138000");
        assertThat(fake.calls).containsExactly("phone access_token=AT cloudbase=null code=c0de openid=null");
    }

    @Test
    void cloudbaseTokenGoesIntoCloudbaseParameterAndOpenidIntoBody() {
        fake.answer(200, wechat("phone-cloud-call.json"));

        await(client.getUserPhoneNumber(DEMO, Credential.cloudbaseAccessToken("CB"), "c0de", "oID"));

        assertThat(fake.calls).containsExactly("phone access_token=null cloudbase=CB code=c0de openid=oID");
    }

    @Test
    void noCredentialSendsNoTokenParameter() {
        fake.answer(200, wechat("phone-foreign.json"));

        await(client.getUserPhoneNumber(DEMO, Credential.none(), "c0de", null));

        assertThat(fake.calls).containsExactly("phone access_token=null cloudbase=null code=c0de openid=null");
    }

    @Test
    void code2SessionSendsAppidSecretAndCodeWithoutAnyTokenAndDropsTheSessionKey() {
        fake.answer(200, wechat("jscode2session-doc-example.json"));

        LoginSession session = await(client.code2Session(DEMO, "s3cret", "l0gin"));

        assertThat(session).isEqualTo(new LoginSession("xxxxxx", "xxxxx"));
        assertThat(fake.calls).containsExactly(
                "jscode2session appid=wx4f4bc4dec97d474b secret=present js_code=l0gin grant_type=authorization_code");
        assertThat(callCount("jscode2session", "0"))
                .isEqualTo(1);
    }

    @Test
    void code2SessionErrcodesHaveTheirLoginMeaning() {
        fake.answer(200, "{\"errcode\":40226,\"errmsg\":\"code blocked rid: 6405d3a1-1b2c3d4e-5f6a7b8c\"}");

        assertThatThrownBy(() -> await(client.code2Session(DEMO, "s3cret", "l0gin")))
                .isInstanceOfSatisfying(WechatException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USER_BLOCKED));
        assertThat(callCount("jscode2session", "40226"))
                .isEqualTo(1);
    }

    @Test
    void errcodeBecomesWechatException() {
        fake.answer(200, wechat("phone-invalid-code.json"));

        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null)))
                .isInstanceOfSatisfying(WechatException.class, e -> assertThat(e.errcode()).isEqualTo(40029));
    }

    @Test
    void httpErrorWithoutErrcodeIsProtocolErrorWithStatus() {
        fake.answer(502, "<html>502 Bad Gateway</html>");

        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.none(), "c0de", null)))
                .isInstanceOfSatisfying(WechatProtocolException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(502))
                .hasMessage("getuserphonenumber: HTTP 502");
    }

    @Test
    void httpErrorWithWechatErrcodeIsThatErrcode() {
        fake.answer(503, wechat("phone-busy.json"));

        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.none(), "c0de", null)))
                .isInstanceOfSatisfying(WechatException.class, e -> assertThat(e.errcode()).isEqualTo(-1));
    }

    @Test
    void transportFailureIsClassifiedAndEachSubscriptionSendsAgain() {
        fake.fail(new ProcessingException(new ConnectException("Connection refused")));
        Uni<PhoneInfo> call = client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null);

        assertThatThrownBy(() -> await(call)).isInstanceOfSatisfying(WechatTransportException.class,
                e -> assertThat(e.requestMayHaveArrived()).isFalse());
        fake.answer(200, wechat("phone-string-country-code.json"));
        assertThat(await(call).countryCode()).isEqualTo("86");
        assertThat(fake.calls).hasSize(2);
    }

    @Test
    void everyCallIsCountedByItsAnswerWithBoundedLabels() {
        fake.answer(200, wechat("phone-invalid-code.json"));
        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null)));
        fake.answer(200, "{\"errcode\":98765,\"errmsg\":\"new to us\"}");
        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null)));
        fake.answer(502, "<html>502 Bad Gateway</html>");
        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null)));
        fake.fail(new ProcessingException(new ConnectException("Connection refused")));
        assertThatThrownBy(() -> await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null)));
        fake.answer(200, wechat("stable-token.json"));
        await(client.stableToken(DEMO, "s3cr3t", false));

        assertThat(callCount("getuserphonenumber", "40029")).isEqualTo(1);
        assertThat(callCount("getuserphonenumber", "other")).isEqualTo(1);
        assertThat(callCount("getuserphonenumber", "http_error")).isEqualTo(1);
        assertThat(callCount("getuserphonenumber", "unreachable")).isEqualTo(1);
        assertThat(callCount("stable_token", "0")).isEqualTo(1);
        assertThat(meters.get("phone_gateway.wechat.call").tags("app", "demo", "api", "getuserphonenumber").timer().count())
                .isEqualTo(4);
    }

    @Test
    void callsAreCountedAndTimedUnderTheNameOfTheAppTheyWereMadeFor() {
        fake.answer(200, wechat("phone-string-country-code.json"));
        await(client.getUserPhoneNumber(DEMO, Credential.accessToken("AT"), "c0de", null));
        fake.answer(200, wechat("phone-invalid-code.json"));
        assertThatThrownBy(() -> await(client.getUserPhoneNumber(OTHER, Credential.accessToken("AT"), "c0de", null)));
        fake.answer(200, wechat("stable-token.json"));
        await(client.stableToken(OTHER, "s3cr3t", false));

        assertThat(callCount("demo", "getuserphonenumber", "0")).isEqualTo(1);
        assertThat(callCount("demo", "getuserphonenumber", "40029")).isZero();
        assertThat(callCount("other", "getuserphonenumber", "0")).isZero();
        assertThat(callCount("other", "getuserphonenumber", "40029")).isEqualTo(1);
        assertThat(callCount("other", "stable_token", "0")).isEqualTo(1);
        assertThat(callCount("demo", "stable_token", "0")).isZero();
        assertThat(meters.get("phone_gateway.wechat.call").tags("app", "other", "api", "getuserphonenumber").timer()
                .count()).isEqualTo(1);
        // every series names its app: none is left without the label, none carries an appid
        assertThat(meters.find("phone_gateway.wechat.calls").counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("app")).isIn("demo", "other"));
        assertThat(meters.find("phone_gateway.wechat.call").timers())
                .allSatisfy(t -> assertThat(t.getId().getTag("app")).isIn("demo", "other"));
    }

    @Test
    void everyConfiguredAppHasItsCallCountersAtZeroFromTheStart() {
        for (String app : new String[] { "demo", "other" }) {
            for (WechatApiName api : WechatApiName.values()) {
                assertThat(meters.find("phone_gateway.wechat.calls").tags("app", app, "api", api.label(), "errcode", "0")
                        .counter()).as(app + " " + api.label()).isNotNull();
            }
        }
    }

    private double callCount(String api, String errcode) {
        return callCount("demo", api, errcode);
    }

    private double callCount(String app, String api, String errcode) {
        Counter counter = meters.find("phone_gateway.wechat.calls").tags("app", app, "api", api, "errcode", errcode)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void stableTokenSendsTheDocumentedBody() {
        fake.answer(200, wechat("stable-token.json"));

        FetchedToken token = await(client.stableToken(DEMO, "s3cr3t", true));

        assertThat(token.expiresIn()).hasSeconds(7200);
        assertThat(fake.calls).containsExactly("stable_token true");
        assertThat(fake.stableBodies).containsExactly(
                new StableTokenRequest("client_credential", "wx4f4bc4dec97d474b", "s3cr3t", true));
    }

    @Test
    void classicTokenErrorIsWechatExceptionOfTokenApi() {
        fake.answer(200, wechat("token-invalid-secret.json"));

        assertThatThrownBy(() -> await(client.classicToken(DEMO, "s3cr3t")))
                .isInstanceOfSatisfying(WechatException.class, e -> {
                    assertThat(e.api()).isEqualTo(WechatApiName.TOKEN);
                    assertThat(e.errcode()).isEqualTo(40125);
                });
        assertThat(fake.calls).containsExactly("token grant_type=client_credential appid=wx4f4bc4dec97d474b");
    }

    @Test
    void chargeUsageReadsWechatsDocumentedAnswer() {
        // WeChat's documented example (service-provider variant, same shape), with effectiveUse made non-zero
        fake.answer(200, wechat("charge-usage-doc-example.json"));

        ChargeUsage usage = await(client.chargeUsage(DEMO, Credential.accessToken("AT"), "10000077"));

        assertThat(usage).isEqualTo(new ChargeUsage(10, 4, Optional.of(Instant.parse("2024-03-03T07:16:30Z")))); // endTime
        assertThat(usage.remaining()).isEqualTo(6);
        assertThat(fake.calls).containsExactly("charge_usage access_token=AT spuId=10000077 offset=0 limit=20");
    }

    @Test
    void chargeUsageWithoutFiguresIsAProtocolError() {
        fake.answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");

        assertThatThrownBy(() -> await(client.chargeUsage(DEMO, Credential.accessToken("AT"), "10000077")))
                .isInstanceOf(WechatProtocolException.class);
    }

    /** Records calls; answers with the last status/body given, or fails. */
    private static final class FakeApi implements WechatApi {
        private static final ObjectMapper JSON = new ObjectMapper();

        private static JsonNode readJson(byte[] body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the phone body is not JSON", e);
            }
        }

        final List<String> calls = new ArrayList<>();
        final List<StableTokenRequest> stableBodies = new ArrayList<>();
        private Supplier<Uni<RestResponse<String>>> next;

        void answer(int status, String body) {
            next = () -> Uni.createFrom().item(RestResponse.ResponseBuilder.<String> create(status).entity(body).build());
        }

        void fail(Throwable failure) {
            next = () -> Uni.createFrom().failure(failure);
        }

        @Override
        public Uni<RestResponse<String>> getUserPhoneNumber(String accessToken, String cloudbaseAccessToken,
                byte[] body) {
            JsonNode json = readJson(body);
            calls.add("phone access_token=" + accessToken + " cloudbase=" + cloudbaseAccessToken + " code="
                    + json.path("code").asText(null) + " openid=" + json.path("openid").asText(null));
            return next.get();
        }

        @Override
        public Uni<RestResponse<String>> stableToken(StableTokenRequest body) {
            calls.add("stable_token " + body.forceRefresh());
            stableBodies.add(body);
            return next.get();
        }

        @Override
        public Uni<RestResponse<String>> chargeUsage(String accessToken, String cloudbaseAccessToken, String spuId,
                int offset, int limit) {
            calls.add("charge_usage access_token=" + accessToken + " spuId=" + spuId + " offset=" + offset + " limit=" + limit);
            return next.get();
        }

        @Override
        public Uni<RestResponse<String>> jscode2session(String appId, String secret, String jsCode, String grantType) {
            calls.add("jscode2session appid=" + appId + " secret=" + (secret == null ? null : "present") + " js_code=" + jsCode
                    + " grant_type=" + grantType);
            return next.get();
        }

        @Override
        public Uni<RestResponse<String>> token(String grantType, String appId, String secret) {
            calls.add("token grant_type=" + grantType + " appid=" + appId);
            return next.get();
        }
    }
}
