package io.phonegateway.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.config.WechatApp;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.FetchedToken;
import io.phonegateway.wechat.WechatCallOutcome;
import io.phonegateway.wechat.WechatClient;
import io.phonegateway.wechat.WechatException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Gets a new access token from WeChat the way the token mode prescribes:
 * <ul>
 * <li>{@code stable}: {@code /cgi-bin/stable_token}, normally with {@code force_refresh=false}: every caller gets
 * the same token while it is valid, so fetches (even by other systems) never invalidate each other's token.</li>
 * <li>{@code classic}: {@code /cgi-bin/token}. Each fetch starts the expiry of the previous token (WeChat
 * keeps both valid for about 5 minutes), which is why the stores allow one fetch at a time.</li>
 * </ul>
 * When WeChat refuses a fetch for a reason that will not pass in a second (credentials, IP, quota), further
 * fetches of that app fail at once with the same answer for {@code fetch-cooldown}: no refresh loops that burn
 * WeChat's daily quota.
 */
@ApplicationScoped
class TokenFetcher {

    private record Cooldown(Instant until, WechatException cause) {

        /**
         * What a lookup gets while the app cools down: the refusal's problem and errcode, but not its rid (WeChat's
         * id of that one old request, not of this one), a word of the cool-down and when it ends as Retry-After.
         */
        GatewayException answer(Instant now) {
            Duration left = Duration.between(now, until);
            long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
            ProblemCode code = cause.kind() == ErrorKind.RATE_LIMITED ? ProblemCode.UPSTREAM_RATE_LIMITED
                    : ProblemCode.UPSTREAM_AUTH_FAILED;
            return GatewayException.of(code, "WeChat refused this app's last token fetch (errcode " + cause.errcode()
                    + "); no new fetch is tried for " + seconds + " s more (phone-gateway.token.fetch-cooldown)")
                    .wechatAnswer(cause.errcode(), null).retryAfter(Duration.ofSeconds(seconds)).because(cause);
        }
    }

    private final WechatClient wechat;
    private final GatewayConfig.Token config;
    private final TokenMetrics metrics;
    private final Map<String, Cooldown> cooldowns = new ConcurrentHashMap<>();

    TokenFetcher(WechatClient wechat, GatewayConfig config, TokenMetrics metrics) {
        this.wechat = wechat;
        this.config = config.token();
        this.metrics = metrics;
    }

    Uni<AccessToken> fetch(WechatApp app, TokenMode mode, boolean forceRefresh) {
        return Uni.createFrom().deferred(() -> {
            Instant now = Instant.now();
            Cooldown cooldown = cooldowns.get(app.appId());
            if (cooldown != null && cooldown.until().isAfter(now)) {
                metrics.fetched(app.name(), "cooldown");
                return Uni.createFrom().failure(cooldown.answer(now));
            }
            String secret = app.secret().orElseThrow(() -> new IllegalStateException("no app-secret for " + app.name()));
            Uni<FetchedToken> answer = switch (mode) {
                case STABLE -> wechat.stableToken(app, secret, forceRefresh);
                case CLASSIC -> wechat.classicToken(app, secret);
                default -> throw new IllegalArgumentException("token mode " + mode + " fetches no token");
            };
            return answer
                    .map(t -> new AccessToken(t.accessToken(), now.plus(t.expiresIn()), now))
                    .onItemOrFailure()
                    .invoke((token, failure) -> metrics.fetched(app.name(), WechatCallOutcome.result(failure)))
                    .onFailure(WechatException.class).invoke(failure -> coolDownAfter(app, (WechatException) failure));
        });
    }

    private void coolDownAfter(WechatApp app, WechatException failure) {
        if (failure.kind() == ErrorKind.AUTH_FAILED || failure.kind() == ErrorKind.RATE_LIMITED) {
            cooldowns.put(app.appId(), new Cooldown(Instant.now().plus(config.fetchCooldown()), failure));
            Log.warnf("WeChat refused a token fetch for app %s (errcode %d); no new fetch for %s", app.name(),
                    failure.errcode(), config.fetchCooldown());
        }
    }
}
