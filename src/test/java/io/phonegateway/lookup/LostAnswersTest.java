package io.phonegateway.lookup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.WechatWireMockResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Answers lost on the wire (WireMock as WeChat): resets, slow and dribbled answers, against the deadline. */
@QuarkusTest
@TestProfile(WireFaultsProfile.class)
@WithTestResource(RedisServerResource.class)
class LostAnswersTest {

    private static final String PHONE_PATH = "/wxa/business/getuserphonenumber";
    private static final String PHONE_OK = "{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"13800138000\","
            + "\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\",\"watermark\":{\"timestamp\":1700000000,"
            + "\"appid\":\"wx4f4bc4dec97d474b\"}}}";
    private static final String CODE_SPENT = "{\"errcode\":40029,\"errmsg\":\"invalid code rid: 6405d3a1-1b2c3d4e-5f6a7b8c\"}";
    /** WeChat's answer takes this long: far beyond the deadline, so an answer in time proves the deadline cut it. */
    private static final int SLOW_MS = 20_000;
    /** Deadline (1.5 s) plus room for a busy CI machine: the point is "bounded", not "fast". */
    private static final long DEADLINE_WITH_MARGIN_MS = 1500 + 5000;

    private static boolean warm;

    private WireMockServer wechat;

    @BeforeEach
    void stubTokens() {
        wechat = WechatWireMockResource.server();
        wechat.resetAll();
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/stable_token"))
                .willReturn(okJson("{\"access_token\":\"wiremock-token\",\"expires_in\":7200}")));
        if (!warm) {
            // a first lookup loads and compiles the whole path (and fetches the token): not what the timed tests time
            wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).willReturn(okJson(PHONE_OK)));
            for (int i = 0; i < 5 && lookup().statusCode() != 200; i++) {
                // a cold JVM on a busy machine may need longer than the short test deadline the first times
            }
            warm = true;
            stubTokens();
        }
    }

    @Test
    void aResetAfterSendingThenCodeSpentIs502CodePossiblyConsumed() {
        wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("spent"));
        wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).inScenario("lost").whenScenarioStateIs("spent")
                .willReturn(okJson(CODE_SPENT)));

        lookup().then().statusCode(502)
                .body("code", equalTo("CODE_POSSIBLY_CONSUMED"))
                .body("errcode", equalTo(40029))
                .body("rid", equalTo("6405d3a1-1b2c3d4e-5f6a7b8c"));
        wechat.verify(2, postRequestedFor(urlPathEqualTo(PHONE_PATH)));
    }

    @Test
    void anAnswerCutOffMidBodyIsRepeatedOnceAndItsSecondAnswerServed() {
        wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).inScenario("cut").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("ok"));
        wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).inScenario("cut").whenScenarioStateIs("ok")
                .willReturn(okJson(PHONE_OK)));

        lookup().then().statusCode(200).body("e164", equalTo("+8613800138000"));
        wechat.verify(2, postRequestedFor(urlPathEqualTo(PHONE_PATH)));
    }

    @Test
    void aSlowUpstreamIs504WithinTheDeadline() {
        wechat.stubFor(post(urlPathEqualTo(PHONE_PATH)).willReturn(okJson(PHONE_OK).withFixedDelay(SLOW_MS)));

        long start = System.nanoTime();
        lookup().then().statusCode(504).body("code", equalTo("UPSTREAM_TIMEOUT"));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(DEADLINE_WITH_MARGIN_MS);
    }

    @Test
    void aDribbledBodyIs504WithinTheDeadline() {
        wechat.stubFor(post(urlPathEqualTo(PHONE_PATH))
                .willReturn(okJson(PHONE_OK).withChunkedDribbleDelay(20, SLOW_MS)));

        long start = System.nanoTime();
        lookup().then().statusCode(504).body("code", equalTo("UPSTREAM_TIMEOUT"));

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(DEADLINE_WITH_MARGIN_MS);
    }

    private static io.restassured.response.Response lookup() {
        return given().contentType(ContentType.JSON).body(Map.of("code", "code-" + UUID.randomUUID())).post("/phone");
    }
}
