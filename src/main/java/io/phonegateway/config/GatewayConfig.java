package io.phonegateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The one configuration tree of phone-gateway ({@code phone-gateway.*}). Every key can be set by an
 * environment variable ({@code PHONE_GATEWAY_...}); see README "Configuration". Startup checks that need
 * more than a type (an app without a secret, an unknown default app) live in {@link ConfigValidator}.
 */
@ConfigMapping(prefix = "phone-gateway")
public interface GatewayConfig {

    /** The mini-programs this gateway serves, by a name of your choice: {@code phone-gateway.apps.<name>.*}. */
    Map<String, App> apps();

    /** The app name used when a request carries no {@code appId}; defaults to the only app when there is one. */
    Optional<String> defaultApp();

    Token token();

    Auth auth();

    Simulator simulator();

    Lookup lookup();

    ResultCache resultCache();

    interface App {
        /** The mini-program's appid, e.g. {@code wx4f4bc4dec97d474b}. */
        String appId();

        /** Its AppSecret; needed by the {@code stable} and {@code classic} token modes. Never logged. */
        Optional<String> appSecret();
    }

    interface Token {
        /** Where access tokens come from: {@code stable}, {@code classic}, {@code cloud} or {@code cloudbase}. */
        @WithDefault("stable")
        TokenMode mode();

        /** Where tokens are kept: {@code redis} (shared by all replicas) or {@code local} (this process only). */
        @WithDefault("redis")
        TokenStoreKind store();

        /** A token is refreshed this long before WeChat's expiry, so no lookup ever uses a dying token. */
        @WithDefault("300s")
        Duration expiryMargin();

        /** How long a lookup may wait for a token fetch (its own or another's) before giving up with 503. */
        @WithDefault("5s")
        Duration fetchTimeout();
    }

    interface Auth {
        /** Require {@code Authorization: Bearer <key>} on {@code POST /phone}. */
        @WithDefault("true")
        boolean enabled();

        /** API keys by calling service: {@code phone-gateway.auth.api-keys.<client>=<key>}. */
        Map<String, String> apiKeys();
    }

    interface Simulator {
        /** Serve the built-in WeChat simulator under {@code /simulator} (dev, tests, demos; never in production). */
        @WithDefault("false")
        boolean enabled();

        /** How long a simulated phone code stays valid (WeChat: 5 minutes). */
        @WithDefault("5m")
        Duration codeLifetime();

        /** {@code expires_in} of simulated access tokens (WeChat: 7200 s). */
        @WithDefault("7200s")
        Duration tokenLifetime();

        /** How long a replaced classic token keeps working (WeChat: 5 minutes). */
        @WithDefault("5m")
        Duration tokenOverlap();
    }

    interface Lookup {
        /** Overall deadline of one lookup, token and WeChat call included. */
        @WithDefault("5s")
        Duration deadline();
    }

    interface ResultCache {
        /** Base64 AES-256 key that encrypts stored results (required outside dev/test). Never logged. */
        Optional<String> key();
    }
}
