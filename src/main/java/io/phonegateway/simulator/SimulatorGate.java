package io.phonegateway.simulator;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.config.GatewayConfig;

/**
 * Hides everything under {@code /simulator} (404, as for any unknown path) unless
 * {@code phone-gateway.simulator.enabled=true}. A request filter reads the setting when the service runs;
 * {@code @EndpointDisabled} would not do here: the native image evaluates it while the image is built, so the
 * simulator could never be switched on in the native executable (quarkusio/quarkus#34738).
 */
class SimulatorGate {

    private final boolean enabled;

    SimulatorGate(GatewayConfig config) {
        this.enabled = config.simulator().enabled();
    }

    @ServerRequestFilter(preMatching = true)
    void hideUnlessEnabled(ContainerRequestContext request) {
        if (!enabled && isSimulatorPath(request.getUriInfo().getPath())) {
            throw new NotFoundException();
        }
    }

    static boolean isSimulatorPath(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("simulator") || relative.startsWith("simulator/");
    }
}
