package io.phonegateway.api;

import java.util.NoSuchElementException;

import org.eclipse.microprofile.config.ConfigProvider;

import io.phonegateway.config.GatewayConfig;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.spi.VertxServiceProvider;

/**
 * Puts {@link HeaderTimeoutTransport} under Vert.x while Quarkus builds it (a Vert.x service provider, found by the
 * service loader: {@code META-INF/services/io.vertx.core.spi.VertxServiceProvider}); it runs before CDI exists, so it
 * reads {@code phone-gateway.request.header-timeout} from the configuration's mapping directly.
 */
public final class HeaderTimeoutInstaller implements VertxServiceProvider {

    @Override
    public void init(VertxBuilder builder) {
        GatewayConfig config;
        try {
            config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(GatewayConfig.class);
        } catch (NoSuchElementException | IllegalStateException e) {
            return; // a Vert.x made outside the application (a test's HTTP client): it serves nobody
        }
        builder.findTransport(new HeaderTimeoutTransport(builder.findTransport(), config.request().headerTimeout()));
    }
}
