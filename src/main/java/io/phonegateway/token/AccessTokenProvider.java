package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.config.WechatApp;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.wechat.Credential;
import io.phonegateway.wechat.WechatException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The credential for an app's phone lookups, per the configured token mode.
 * <ul>
 * <li>Steady state: the held token answers at once (near cache, no Redis call).</li>
 * <li>Refresh ahead: a token inside its expiry margin is still valid, so it keeps serving while one
 * background refresh replaces it; only a missing or expired token makes a lookup wait for a fetch.</li>
 * <li>Rejected token: forget it (compare-and-delete), fetch in normal mode; in stable mode force a refresh only
 * when WeChat hands back the very token it rejected, within the fleet's daily budget.</li>
 * </ul>
 * It holds the token each app's lookups last used ({@link #heldToken}), kept fresh while idle by
 * {@link HeldTokenKeeper}, for readiness and the token gauges.
 */
@Singleton
public class AccessTokenProvider {

    private static final Duration BACKGROUND_REFRESH_SPACING = Duration.ofSeconds(5);

    private final GatewayConfig.Token config;
    private final TokenMode mode;
    private final TokenStore store;
    private final TokenFetcher fetcher;
    private final CloudbaseTokenFile cloudbaseFile;
    private final Map<TokenKey, Instant> lastBackgroundRefresh = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> heldByApp = new ConcurrentHashMap<>();

    AccessTokenProvider(GatewayConfig config, TokenStore store, TokenFetcher fetcher, CloudbaseTokenFile cloudbaseFile,
            TokenMetrics metrics) {
        this.config = config.token();
        this.mode = config.token().mode();
        this.store = store;
        this.fetcher = fetcher;
        this.cloudbaseFile = cloudbaseFile;
        if (mode.fetchesTokens()) {
            metrics.heldTokens(heldByApp);
        }
    }

    /**
     * Runs {@code call} with the app's credential; when WeChat rejects the token (not the code), runs it once more
     * with a replacement, never in a loop. {@code onReplaced} learns of that second run.
     *
     * @param callerCloudbaseToken the caller's {@code X-WX-CLOUDBASE-ACCESS-TOKEN}, used in {@code cloudbase} mode
     */
    public <T> Uni<T> withCredential(WechatApp app, Optional<String> callerCloudbaseToken, Function<Credential, Uni<T>> call,
            Runnable onReplaced) {
        return credentialFor(app, callerCloudbaseToken)
                .chain(credential -> call.apply(credential)
                        .onFailure(WechatException::isTokenRejected).recoverWithUni(rejected -> {
                            onReplaced.run();
                            return replacementFor(app, credential).chain(replacement -> call.apply(replacement));
                        }));
    }

    /** The token this replica's lookups of {@code app} (its configured name) last used, if any. */
    public Optional<AccessToken> heldToken(String app) {
        return Optional.ofNullable(heldByApp.get(app));
    }

    /**
     * Brings the held token of every app this replica has served up to date the way a lookup would (near cache,
     * the fleet's store, one refresh ahead), so an idle replica holds the token its next lookup would get, not
     * the one it used hours ago ({@link HeldTokenKeeper}). Apps never served are left alone: idleness never
     * calls WeChat. Completes when every app is done; failures leave the held token as it was.
     */
    Uni<Void> refreshHeld(AppRegistry apps) {
        if (!mode.fetchesTokens()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(apps.all()).filter(app -> heldByApp.containsKey(app.name()))
                .onItem().transformToUniAndMerge(app -> tokenFor(app).invoke(token -> heldByApp.put(app.name(), token))
                        .onFailure().invoke(failure -> Log.debugf("keeping the token of app %s fresh failed (%s)",
                                app.name(), failure.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /**
     * @param callerCloudbaseToken the caller's {@code X-WX-CLOUDBASE-ACCESS-TOKEN}, used in {@code cloudbase} mode
     */
    Uni<Credential> credentialFor(WechatApp app, Optional<String> callerCloudbaseToken) {
        return switch (mode) {
            case CLOUD -> Uni.createFrom().item(Credential.none());
            case CLOUDBASE -> callerCloudbaseToken.isPresent()
                    ? Uni.createFrom().item(Credential.cloudbaseAccessToken(callerCloudbaseToken.get()))
                    : cloudbaseFile.current(false).map(Credential::cloudbaseAccessToken);
            case STABLE, CLASSIC -> tokenFor(app).map(token -> used(app, token));
        };
    }

    /** WeChat rejected {@code rejected}: the credential to try once more with. */
    Uni<Credential> replacementFor(WechatApp app, Credential rejected) {
        return switch (mode) {
            case CLOUD -> Uni.createFrom().item(Credential.none());
            case CLOUDBASE -> cloudbaseFile.current(true).map(Credential::cloudbaseAccessToken);
            case STABLE, CLASSIC -> replaceToken(app, rejected.value()).map(token -> used(app, token));
        };
    }

    private Credential used(WechatApp app, AccessToken token) {
        heldByApp.put(app.name(), token);
        return Credential.accessToken(token.value());
    }

    private Uni<AccessToken> tokenFor(WechatApp app) {
        TokenKey key = key(app);
        return store.current(key).chain(held -> {
            if (held != null && usable(held)) {
                return Uni.createFrom().item(held);
            }
            if (held != null && !held.expiredAt(Instant.now())) {
                refreshInBackground(app, key);
                return Uni.createFrom().item(held);
            }
            return refresh(app, key, this::usable, false);
        });
    }

    private void refreshInBackground(WechatApp app, TokenKey key) {
        Instant now = Instant.now();
        Instant last = lastBackgroundRefresh.get(key);
        if (last != null && last.plus(BACKGROUND_REFRESH_SPACING).isAfter(now)
                || !(last == null ? lastBackgroundRefresh.putIfAbsent(key, now) == null
                        : lastBackgroundRefresh.replace(key, last, now))) {
            return;
        }
        refresh(app, key, this::usable, false).subscribe().with(
                token -> Log.debugf("refreshed the token of app %s ahead of its expiry", app.name()),
                failure -> Log.warnf("refreshing the token of app %s ahead of its expiry failed (%s); the held token"
                        + " keeps serving until it expires", app.name(), failure.getMessage()));
    }

    private Uni<AccessToken> replaceToken(WechatApp app, String rejected) {
        TokenKey key = key(app);
        Predicate<AccessToken> fresh = token -> usable(token) && !token.value().equals(rejected);
        return store.invalidate(key, rejected)
                .chain(() -> refresh(app, key, fresh, false))
                .chain(token -> token.value().equals(rejected) && mode == TokenMode.STABLE
                        ? forceRefresh(app, key, rejected, fresh)
                        : Uni.createFrom().item(token));
    }

    /** WeChat rejects the stable token it still hands out: force a new one, if today's budget allows. */
    private Uni<AccessToken> forceRefresh(WechatApp app, TokenKey key, String rejected, Predicate<AccessToken> fresh) {
        return store.takeForcedRefresh(key, config.forceRefreshDailyLimit(), config.forceRefreshSpacing())
                .chain(granted -> {
                    if (!granted) {
                        return Uni.createFrom().failure(GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE,
                                "WeChat rejects the token it hands out and no forced refresh is left for now")
                                .retryAfter(config.forceRefreshSpacing()));
                    }
                    Log.warnf("WeChat rejected the stable token it still hands out for app %s: forcing a refresh", app.name());
                    return store.invalidate(key, rejected).chain(() -> refresh(app, key, fresh, true));
                });
    }

    private Uni<AccessToken> refresh(WechatApp app, TokenKey key, Predicate<AccessToken> usable, boolean force) {
        return store.refresh(key, usable, () -> fetcher.fetch(app, mode, force))
                .ifNoItem().after(config.fetchTimeout()).failWith(() -> GatewayException.of(
                        ProblemCode.UPSTREAM_UNAVAILABLE, "No access token could be had in time")
                        .retryAfter(GatewayException.DEFAULT_RETRY_AFTER));
    }

    private boolean usable(AccessToken token) {
        return token.usableAt(Instant.now(), config.expiryMargin());
    }

    private TokenKey key(WechatApp app) {
        return new TokenKey(app.appId(), mode);
    }
}
