package io.phonegateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * SmallRye Fault Tolerance publishes every circuit breaker's state through Micrometer by itself: the series the
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

    @AfterEach
    void closeBreaker() {
        breakers.reset("test-flaky-dependency");
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
