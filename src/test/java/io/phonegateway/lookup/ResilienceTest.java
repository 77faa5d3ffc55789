package io.phonegateway.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.UpstreamBreakers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Retries, lost answers and the circuit breaker, with faults injected at the simulator. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class ResilienceTest {

    private static final String PHONE = "getuserphonenumber";

    @Inject
    UpstreamBreakers breakers;

    private int callsBefore;

    /** A clean simulator, and a gateway that holds a token WeChat accepts: each test counts only its own calls. */
    @BeforeEach
    void reset() {
        Simulator.freshStart();
        callsBefore = Simulator.calls(PHONE);
    }

    private int calls() {
        return Simulator.calls(PHONE) - callsBefore;
    }

    @Test
    void busyTwiceThenAnAnswerIs200AfterThreeCalls() {
        Simulator.failWithErrcode(PHONE, -1, 2);

        lookup(Simulator.mintCode("13800138000")).statusCode(200).body("phoneNumber", equalTo("13800138000"));

        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void busyForeverIs503UpstreamBusyAfterTheBoundedRetries() {
        Simulator.failWithErrcode(PHONE, -1, -1);

        lookup(Simulator.mintCode("13800138000")).statusCode(503)
                .header("Retry-After", matchesPattern("\\d+"))
                .body("code", equalTo("UPSTREAM_BUSY"));

        assertThat(calls()).isEqualTo(1 + 3); // first attempt + max-retries
    }

    @Test
    void answersAboutTheCodeQuotaOrCredentialsAreNeverRetried() {
        Simulator.failWithErrcode(PHONE, 45011, 1);
        lookup(Simulator.mintCode("13800138000")).statusCode(503).body("code", equalTo("UPSTREAM_RATE_LIMITED"));
        lookup("never-minted").statusCode(422).body("code", equalTo("INVALID_CODE"));
        Simulator.failWithErrcode(PHONE, 40013, 1);
        lookup(Simulator.mintCode("13800138000")).statusCode(502).body("code", equalTo("UPSTREAM_AUTH_FAILED"));

        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void aLostAnswerIsRepeatedOnceAndAnswersWhenTheCodeWasNotSpent() {
        Simulator.fault(Map.of("api", PHONE, "type", "http-status", "httpStatus", 502));

        lookup(Simulator.mintCode("13800138000")).statusCode(200);

        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aLostAnswerWhoseRetryHearsTheCodeIsSpentIs502CodePossiblyConsumed() {
        // WeChat processed the first attempt (and spent the code), then the answer was lost
        Simulator.fault(Map.of("api", PHONE, "type", "http-status", "httpStatus", 500, "consumeCode", true));

        lookup(Simulator.mintCode("13800138000")).statusCode(502)
                .body("code", equalTo("CODE_POSSIBLY_CONSUMED"))
                .body("errcode", equalTo(40029))
                .body("type", equalTo("urn:phone-gateway:problem:code-possibly-consumed"));

        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void theBreakerOpensOnRepeatedUpstreamFailuresAnswersAtOnceAndClosesAgain() throws InterruptedException {
        Simulator.fault(Map.of("api", PHONE, "type", "http-status", "httpStatus", 503, "times", -1));
        // each lookup makes 2 failed attempts; half of the rolling window of 20 opens the breaker
        for (int i = 0; i < 10 && breakers.state(UpstreamBreakers.PHONE) == CircuitBreakerState.CLOSED; i++) {
            lookup(Simulator.mintCode("13800138000")).statusCode(anyOf(equalTo(502), equalTo(503)));
        }
        assertThat(breakers.state(UpstreamBreakers.PHONE)).isEqualTo(CircuitBreakerState.OPEN);
        int callsWhenOpened = calls();

        lookup(Simulator.mintCode("13800138000")).statusCode(503)
                .header("Retry-After", equalTo("1"))
                .body("code", equalTo("UPSTREAM_UNAVAILABLE"));
        assertThat(calls()).as("an open breaker does not call WeChat").isEqualTo(callsWhenOpened);

        Simulator.reset();
        Thread.sleep(1_100); // %test breaker delay is 1 s: half-open now
        lookup(Simulator.mintCode("13800138000")).statusCode(200);
        lookup(Simulator.mintCode("13800138000")).statusCode(200);
        assertThat(breakers.state(UpstreamBreakers.PHONE)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void invalidCodesNeverOpenTheBreaker() {
        for (int i = 0; i < 25; i++) {
            lookup("never-minted-" + i).statusCode(422);
        }
        assertThat(breakers.state(UpstreamBreakers.PHONE)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    private static ValidatableResponse lookup(String code) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then();
    }
}
