package io.phonegateway.token;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.redis.RedisKeys;
import io.phonegateway.redis.RedisStatus;
import io.phonegateway.testsupport.ConfigFixture;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.wechat.WechatClient;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Builds gateway replicas inside one test JVM: each has its own {@link RedisTokenStore} (so its own near cache
 * and single-flight) over the suite's one Redis, and the real {@link WechatClient} to the simulator.
 */
@ApplicationScoped
class Replicas {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final WechatApp DEMO = new WechatApp("demo", Simulator.DEMO_APP_ID, Optional.of("test-only-secret-of-demo"));

    private final Redis client;
    private final ReactiveRedisDataSource redis;
    private final RedisStatus status;
    private final WechatClient wechat;
    private final TokenMetrics metrics;

    Replicas(Redis client, ReactiveRedisDataSource redis, RedisStatus status, WechatClient wechat, TokenMetrics metrics) {
        this.client = client;
        this.redis = redis;
        this.status = status;
        this.wechat = wechat;
        this.metrics = metrics;
    }

    /** The gateway's configuration with {@code overrides} on top (token mode, margins, cool-down...). */
    static GatewayConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("phone-gateway.apps.demo.app-id", Simulator.DEMO_APP_ID);
        properties.put("phone-gateway.apps.demo.app-secret", "test-only-secret-of-demo");
        properties.put("phone-gateway.token.store", "redis");
        properties.put("phone-gateway.token.fetch-cooldown", "0s");
        properties.putAll(overrides);
        return ConfigFixture.fromProperties(properties);
    }

    RedisTokenStore store(GatewayConfig config) {
        return new RedisTokenStore(client, status, config.token(), metrics);
    }

    AccessTokenProvider provider(GatewayConfig config) {
        return new AccessTokenProvider(config, store(config), fetcher(config), new CloudbaseTokenFile(config), metrics);
    }

    TokenFetcher fetcher(GatewayConfig config) {
        return new TokenFetcher(wechat, config, metrics);
    }

    /** Forgets every token, lock and budget: each test starts from an empty Redis. */
    void flush() {
        redis.execute("FLUSHALL").await().atMost(WAIT);
    }

    /** The raw token value stored in Redis for {@code key}, or null. */
    String storedToken(TokenKey key) {
        var reply = redis.execute("HGET", RedisKeys.token(key.appId(), key.mode()), "value").await().atMost(WAIT);
        return reply == null ? null : reply.toString();
    }
}
