package io.phonegateway.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness is the process itself: answering this is proof enough. Nothing outside the process (Redis, WeChat)
 * belongs here, or an outage there would make Kubernetes restart every replica for nothing.
 */
@Liveness
@ApplicationScoped
class ProcessLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("process");
    }
}
