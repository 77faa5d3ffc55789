package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.UpstreamBreakers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The breakers in front of WeChat are gauged by name ({@code phone_gateway_circuit_breaker_state{breaker,state}}): the
 * series the alerts and the dashboard use.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class CircuitBreakerMetricsTest {

    @Inject
    UpstreamBreakers upstream;

    @AfterEach
    void closeBreakers() {
        Simulator.reset();
        upstream.reset();
    }

    @Test
    void theStateOfTheBreakersInFrontOfWechatIsGauged() {
        Scrape closed = Scrape.now();
        assertThat(closed.find("phone_gateway_circuit_breaker_state", "breaker", "wechat-token", "state", "closed"))
                .hasValue(1);

        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "http-status", "httpStatus", 503, "times", -1));
        for (int i = 0; i < 10 && upstream.state(UpstreamBreakers.PHONE) == CircuitBreakerState.CLOSED; i++) {
            given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000"))).post("/phone");
        }

        Scrape open = Scrape.now();
        assertThat(open.find("phone_gateway_circuit_breaker_state", "breaker", "wechat-phone", "state", "open")).hasValue(1);
        assertThat(open.find("phone_gateway_circuit_breaker_state", "breaker", "wechat-phone", "state", "closed")).hasValue(0);
    }
}
