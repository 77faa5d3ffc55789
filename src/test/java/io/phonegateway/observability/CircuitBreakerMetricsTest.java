package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.UpstreamBreakers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The breakers in front of WeChat are gauged by name; and SmallRye Fault Tolerance publishes every circuit breaker's state through Micrometer by itself: the series the
 * alerts and the dashboard use ({@code ft_circuitbreaker_state_current}, {@code ft_circuitbreaker_opened_total}),
 * shown here on a breaker of the test's own.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class CircuitBreakerMetricsTest {

    @ApplicationScoped
    static class FlakyDependency {
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
        @CircuitBreakerName("test-flaky-dependency")
        String call() {
            throw new IllegalStateException("down");
        }
    }

    @Inject
    FlakyDependency dependency;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    UpstreamBreakers upstream;

    @AfterEach
    void closeBreakers() {
        breakers.reset("test-flaky-dependency");
        Simulator.reset();
        upstream.reset();
    }

    @Test
    void theStateOfTheBreakersInFrontOfWechatIsGauged() {
        Scrape closed = Scrape.now();
        assertThat(closed.find("phone_gateway_circuit_breaker_state", "breaker", "wechat-token", "state", "closed")).hasValue(1);

        Simulator.fault(Map.of("api", "getuserphonenumber", "type", "http-status", "httpStatus", 503, "times", -1));
        for (int i = 0; i < 10 && upstream.state(UpstreamBreakers.PHONE) == CircuitBreakerState.CLOSED; i++) {
            given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000"))).post("/phone");
        }

        Scrape open = Scrape.now();
        assertThat(open.find("phone_gateway_circuit_breaker_state", "breaker", "wechat-phone", "state", "open")).hasValue(1);
        assertThat(open.find("phone_gateway_circuit_breaker_state", "breaker", "wechat-phone", "state", "closed")).hasValue(0);
    }

    @Test
    void anOpenBreakerShowsInTheScrape() {
        assertThatThrownBy(dependency::call).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(dependency::call).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(dependency::call).isInstanceOf(CircuitBreakerOpenException.class);

        Scrape scrape = Scrape.now();
        String method = FlakyDependency.class.getCanonicalName() + ".call";
        assertThat(scrape.find("ft_circuitbreaker_state_current", "method", method, "state", "open")).hasValue(1);
        assertThat(scrape.find("ft_circuitbreaker_state_current", "method", method, "state", "closed")).hasValue(0);
        assertThat(scrape.find("ft_circuitbreaker_opened_total", "method", method)).hasValue(1);
    }
}
