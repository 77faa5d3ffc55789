package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.ChinaDay;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.MeterBuckets;
import io.phonegateway.config.MeterTable;
import io.phonegateway.config.StoreKind;
import io.phonegateway.redis.RedisStatus;

/**
 * The meters of the token part: fetches, waits for another replica's fetch, the age and remaining life of the
 * token each app's lookups use, forced refreshes left today, and whether the Redis store runs degraded.
 * Counters that alerts rely on exist at zero from the start.
 */
@Singleton
public class TokenMetrics {

    static final String TOKEN_FETCHES = "phone_gateway.token.fetches";
    static final String TOKEN_LOCK_WAIT = "phone_gateway.token.lock.wait";
    static final String TOKEN_AGE = "phone_gateway.token.age";
    static final String TOKEN_EXPIRES_IN = "phone_gateway.token.expires.in";
    static final String FORCE_REFRESH_REMAINING = "phone_gateway.token.force.refresh.remaining";
    static final String STORE_DEGRADED = "phone_gateway.token.store.degraded";

    private record ForceRefreshDay(LocalDate day, int used) {
    }

    private final MeterRegistry registry;
    private final AppRegistry apps;
    private final int forceRefreshDailyLimit;
    private final Map<String, ForceRefreshDay> forceRefreshes = new ConcurrentHashMap<>();
    private final MeterTable<Counter> fetches;
    private final MeterTable<Timer> lockWaits;

    public TokenMetrics(MeterRegistry registry, GatewayConfig config, AppRegistry apps, RedisStatus redis) {
        this.registry = registry;
        fetches = new MeterTable<>((app, result) -> Counter.builder(TOKEN_FETCHES).tags("app", app, "result", result)
                .description("Access token fetches from WeChat by app and result")
                .register(registry));
        lockWaits = new MeterTable<>((app, unused) -> Timer.builder(TOKEN_LOCK_WAIT).tag("app", app)
                .description("Waits for another replica's token fetch under the fleet-wide refresh lock")
                .serviceLevelObjectives(MeterBuckets.LOCK_WAIT)
                .register(registry));
        this.apps = apps;
        this.forceRefreshDailyLimit = config.token().forceRefreshDailyLimit();
        if (config.token().store() == StoreKind.REDIS) {
            Gauge.builder(STORE_DEGRADED, redis, r -> r.downSince().isPresent() ? 1 : 0)
                    .description("1 while this replica's last Redis command failed: tokens served from this replica alone")
                    .register(registry);
        }
        if (config.token().mode().fetchesTokens()) {
            for (String app : config.apps().keySet()) {
                fetchCounter(app, "ok");
                Gauge.builder(FORCE_REFRESH_REMAINING, forceRefreshes, f -> forceRefreshesLeft(app))
                        .tag("app", app)
                        .description(
                                "Forced stable-token refreshes left today (China time), as this replica last saw the fleet's budget")
                        .register(registry);
            }
        }
    }

    /** Gauges of the token each app's lookups use, as {@code held} (by app name) tells; called once by its owner. */
    void heldTokens(Map<String, AccessToken> held) {
        for (String app : apps.all().stream().map(a -> a.name()).toList()) {
            Gauge.builder(TOKEN_AGE, held,
                    h -> seconds(h.get(app), token -> Duration.between(token.fetchedAt(), Instant.now())))
                    .tag("app", app).baseUnit("seconds")
                    .description(
                            "Age of the access token this replica holds for the app, kept fresh while idle (NaN: app never served)")
                    .register(registry);
            Gauge.builder(TOKEN_EXPIRES_IN, held,
                    h -> seconds(h.get(app), token -> Duration.between(Instant.now(), token.expiresAt())))
                    .tag("app", app).baseUnit("seconds")
                    .description(
                            "Time until WeChat stops accepting the access token this replica holds for the app (kept fresh while idle)")
                    .register(registry);
        }
    }

    /** A token fetch from WeChat ended; {@code result} is {@code ok} or a failure word of {@code WechatCallOutcome}. */
    void fetched(String app, String result) {
        fetchCounter(app, result).increment();
    }

    /** This replica waited for another replica's token fetch (the fleet-wide lock) for {@code waited}. */
    void lockWaited(String appId, Duration waited) {
        lockWaits.get(apps.nameOf(appId)).record(waited);
    }

    /** The fleet has used {@code usedToday} forced refreshes of {@code appId} today (China time). */
    void forceRefreshesUsed(String appId, int usedToday) {
        forceRefreshes.put(apps.nameOf(appId), new ForceRefreshDay(ChinaDay.today(), usedToday));
    }

    private double forceRefreshesLeft(String app) {
        ForceRefreshDay day = forceRefreshes.get(app);
        if (day == null || !day.day().equals(ChinaDay.today())) {
            return forceRefreshDailyLimit;
        }
        return Math.max(0, forceRefreshDailyLimit - day.used());
    }

    private Counter fetchCounter(String app, String result) {
        return fetches.get(app, result);
    }

    private static double seconds(AccessToken token, Function<AccessToken, Duration> span) {
        return token == null ? Double.NaN : span.apply(token).toMillis() / 1000.0;
    }
}
