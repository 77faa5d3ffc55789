package io.phonegateway.redis;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Vert.x' Redis client makes client metrics per connection, and Quarkus registers each connection's gauges
 * ({@code redis.queue.size}, {@code redis.current}) under one id per client ({@code clientName}, {@code clientType}):
 * the first connection's values would stand for the whole pool, and every later connection logs a double
 * registration (Quarkus 3.33). Those gauges are dropped; the pool's own ({@code redis.pool.*}) show the same for all
 * connections, and the client's counters and timers, which add up correctly, stay.
 */
@Singleton
class RedisClientGauges {

    @Produces
    @Singleton
    MeterFilter perConnectionGauges() {
        return MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && "redis".equals(id.getTag("clientType")));
    }
}
