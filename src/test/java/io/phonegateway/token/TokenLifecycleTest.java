package io.phonegateway.token;

import static io.phonegateway.token.Replicas.DEMO;
import static io.phonegateway.token.Replicas.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.WechatException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A token's life with short {@code expires_in} from the simulator: refresh ahead, failed refreshes, cool-down. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class TokenLifecycleTest {

    private static final String SECRET = "test-only-secret-of-demo";

    @Inject
    Replicas replicas;

    @BeforeEach
    void emptyWorld() {
        Simulator.reset();
        replicas.flush();
    }

    @Test
    void aTokenNearItsExpiryKeepsServingWhileOneBackgroundRefreshReplacesIt() throws InterruptedException {
        shortTokens(4);
        AccessTokenProvider provider = replicas.provider(Replicas.config(Map.of()));
        String first = credential(provider);

        Thread.sleep(2_300); // past half the lifetime: inside the refresh margin, still valid
        assertThat(credential(provider)).isEqualTo(first); // answered at once with the held token...
        awaitCalls("stable_token", 2); // ...while one refresh runs behind it

        String second = credential(provider);
        assertThat(second).isNotEqualTo(first);
        assertThat(Simulator.calls("stable_token")).isEqualTo(2);
    }

    @Test
    void aFailingRefreshLeavesTheStillValidTokenServing() throws InterruptedException {
        shortTokens(4);
        AccessTokenProvider provider = replicas.provider(Replicas.config(Map.of()));
        String first = credential(provider);
        Simulator.failWithErrcode("stable_token", 45009, -1);

        Thread.sleep(2_300);
        assertThat(credential(provider)).isEqualTo(first);
        awaitCalls("stable_token", 2);
        assertThat(credential(provider)).isEqualTo(first);
    }

    @Test
    void aQuotaAnswerCoolsTheFetchPathDownInsteadOfLooping() {
        GatewayConfig config = Replicas.config(Map.of("phone-gateway.token.fetch-cooldown", "30s"));
        TokenFetcher fetcher = replicas.fetcher(config);
        Simulator.failWithErrcode("stable_token", 45009, 1);

        Throwable first = catchThrowable(() -> fetcher.fetch(DEMO, TokenMode.STABLE, false).await().atMost(WAIT));
        Throwable second = catchThrowable(() -> fetcher.fetch(DEMO, TokenMode.STABLE, false).await().atMost(WAIT));

        assertThat(first).isInstanceOf(WechatException.class);
        assertThat(((WechatException) first).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(Simulator.calls("stable_token")).isEqualTo(1); // WeChat would have answered; no second try
        // the cool-down's answer says what it is: no rid of the old request, when to come back
        assertThat(second).isInstanceOf(GatewayException.class);
        GatewayException cooling = (GatewayException) second;
        assertThat(cooling.code()).isEqualTo(ProblemCode.UPSTREAM_RATE_LIMITED);
        assertThat(cooling.errcode()).contains(45009);
        assertThat(cooling.rid()).isEmpty();
        assertThat(cooling.retryAfter()).hasValueSatisfying(after -> assertThat(after.toSeconds()).isBetween(1L, 30L));
        assertThat(cooling.detail()).contains("no new fetch is tried for").contains("fetch-cooldown");
    }

    @Test
    void aLookupWhoseTokenFetchHitsTheQuotaIs503UpstreamRateLimited() {
        // the service's own store may hold a token from earlier tests: stop WeChat from handing out tokens
        // and make the phone endpoint reject whatever the service holds
        Simulator.failWithErrcode("stable_token", 45009, -1);
        Simulator.failWithErrcode("getuserphonenumber", 40001, 1);

        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000")))
                .post("/phone")
                .then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("code", org.hamcrest.Matchers.equalTo("UPSTREAM_RATE_LIMITED"))
                .body("errcode", org.hamcrest.Matchers.equalTo(45009));
    }

    private static String credential(AccessTokenProvider provider) {
        return provider.credentialFor(DEMO, Optional.empty()).await().atMost(WAIT).value();
    }

    private static void shortTokens(int seconds) {
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("secret", SECRET, "tokenLifetimeSeconds", seconds))
                .put("/simulator/control/apps/" + DEMO.appId()).then().statusCode(204);
    }

    private static void awaitCalls(String api, int calls) throws InterruptedException {
        for (int i = 0; i < 100 && Simulator.calls(api) < calls; i++) {
            Thread.sleep(20);
        }
        assertThat(Simulator.calls(api)).isEqualTo(calls);
    }
}
