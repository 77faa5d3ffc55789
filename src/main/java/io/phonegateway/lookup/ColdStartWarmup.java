package io.phonegateway.lookup;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.phonegateway.wechat.UpstreamBreakers;
import io.phonegateway.wechat.WechatClient;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Builds, before the replica takes traffic, what Quarkus and SmallRye would otherwise build on the first lookup,
 * on the event loop, inside its deadline: the WeChat REST client (its TLS trust store), the circuit breakers and
 * retry guards, the result cache and its claim renewals. Measured on a cold JVM under load, these cost the first
 * lookups 9 s and more, so they answered 504 with their codes spent. Nothing here calls WeChat or waits on Redis
 * (redis/RedisWarmup opens its pool in the background).
 */
@Readiness
@Singleton
class ColdStartWarmup implements HealthCheck {

    private volatile boolean done;

    /** DOWN until the warm-up has run: a replica takes lookups only once they can meet their deadline. */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up").status(done).build();
    }

    /** After the startup checks (ConfigValidator, default priority): an invalid configuration is refused by name first. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event, WechatClient wechat,
            UpstreamBreakers breakers, PhoneCallRetries retries,
            ResultCache results) {
        long start = System.nanoTime();
        wechat.toString(); // creates the bean behind the client proxy, and with it the REST client
        breakers.warmUp();
        retries.warmUp();
        results.toString();
        done = true;
        Log.debugf("cold-start warm-up took %d ms", (System.nanoTime() - start) / 1_000_000);
    }
}
