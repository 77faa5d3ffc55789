package io.phonegateway.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per CPU the JVM sees (a container's CPU limit), where Quarkus would start two: nothing of the
 * gateway blocks an event loop, and each loop more on the same CPUs only adds thread switches and wake-ups on every
 * socket write (docs/performance.md, "Why one loop per CPU pays"). Below {@code application.properties} and the environment, so
 * {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE} still decides.
 */
public final class EventLoopsPerCpu implements ConfigSource {

    static final String PROPERTY = "quarkus.vertx.event-loops-pool-size";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, getValue(PROPERTY));
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? Integer.toString(Runtime.getRuntime().availableProcessors()) : null;
    }

    @Override
    public String getName() {
        return "phone-gateway: one event loop per CPU";
    }

    /** Below application.properties (250) and the environment (300); above Quarkus' own defaults. */
    @Override
    public int getOrdinal() {
        return 100;
    }
}
