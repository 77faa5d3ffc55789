package io.phonegateway.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.phonegateway.config.WechatApp;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The only way into WeChat. Every call fails with one of three exceptions:
 * <ul>
 * <li>{@link WechatException}: WeChat answered a non-zero errcode (also when it came with an HTTP error
 * status);</li>
 * <li>{@link WechatProtocolException}: an HTTP error status without a WeChat errcode, or an answer that is
 * not the expected JSON (including errcode 0 without phone info);</li>
 * <li>{@link WechatTransportException}: no answer (see {@link TransportFailures} for
 * {@code requestMayHaveArrived} and {@code timeout}).</li>
 * </ul>
 * Each call passes its endpoint's circuit breaker ({@link UpstreamBreakers}); an open breaker fails with
 * {@link CircuitOpenException} without calling WeChat. Each call takes one of the replica's connections
 * ({@link WechatConnections}); when none frees up in time it fails unsent with {@link ConnectionsBusyException}. Retries live a
 * layer up (the lookup knows which
 * attempts are safe to repeat); each subscription sends a new request. Every call is made for one configured app,
 * whose name labels its meters ({@link WechatMetrics}). Nothing logged here carries a
 * token, secret, code, URL or body.
 */
@Singleton
public class WechatClient {

    private static final String AUTHORIZATION_CODE = "authorization_code";

    private final WechatApi api;
    private final UpstreamBreakers breakers;
    private final WechatMetrics metrics;
    private final WechatConnections connections;

    @Inject
    WechatClient(@RestClient WechatApi api, UpstreamBreakers breakers, WechatMetrics metrics,
            WechatConnections connections) {
        this.api = api;
        this.breakers = breakers;
        this.metrics = metrics;
        this.connections = connections;
    }

    /**
     * Exchanges a phone code. {@code credential} decides the query parameter: {@code access_token},
     * {@code cloudbase_access_token}, or none (Cloud Hosting's open-interface service adds its own).
     *
     * @param app the app the code was issued to (the credential is this app's)
     * @param openid optional; when given WeChat checks that the code belongs to this user
     */
    public Uni<PhoneInfo> getUserPhoneNumber(WechatApp app, Credential credential, String code, String openid) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(code, "code");
        String accessToken = valueIf(credential, Credential.Kind.ACCESS_TOKEN);
        String cloudbaseToken = valueIf(credential, Credential.Kind.CLOUDBASE_ACCESS_TOKEN);
        byte[] body = new PhoneNumberRequest(code, openid).json();
        return breakers.phone(() -> call(app, WechatApiName.GET_USER_PHONE_NUMBER,
                () -> api.getUserPhoneNumber(accessToken, cloudbaseToken, body), WechatAnswers::phoneInfo));
    }

    /** {@code POST /cgi-bin/stable_token}; {@code forceRefresh} invalidates the current token (20/day). */
    public Uni<FetchedToken> stableToken(WechatApp app, String secret, boolean forceRefresh) {
        StableTokenRequest body = StableTokenRequest.of(requireValue(appIdOf(app), "appId"),
                requireValue(secret, "secret"), forceRefresh);
        return breakers.token(WechatApiName.STABLE_TOKEN,
                () -> call(app, WechatApiName.STABLE_TOKEN, () -> api.stableToken(body), WechatAnswers::token));
    }

    /** {@code GET /wxa/charge/usage/get}: how much of the paid quota of product {@code spuId} is bought and used. */
    public Uni<ChargeUsage> chargeUsage(WechatApp app, Credential credential, String spuId) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(credential, "credential");
        String id = requireValue(spuId, "spuId");
        String accessToken = valueIf(credential, Credential.Kind.ACCESS_TOKEN);
        String cloudbaseToken = valueIf(credential, Credential.Kind.CLOUDBASE_ACCESS_TOKEN);
        return call(app, WechatApiName.CHARGE_USAGE, () -> api.chargeUsage(accessToken, cloudbaseToken, id, 0, 20),
                WechatAnswers::chargeUsage);
    }

    /** {@code GET /cgi-bin/token}: every fetch invalidates the app's previous classic token. */
    public Uni<FetchedToken> classicToken(WechatApp app, String secret) {
        String id = requireValue(appIdOf(app), "appId");
        String s = requireValue(secret, "secret");
        return breakers.token(WechatApiName.TOKEN, () -> call(app, WechatApiName.TOKEN,
                () -> api.token(StableTokenRequest.CLIENT_CREDENTIAL, id, s), WechatAnswers::token));
    }

    /**
     * {@code GET /sns/jscode2session}: the user behind a {@code wx.login} code. Needs the AppSecret, no access token.
     * WeChat's {@code session_key} is dropped while the answer is parsed: nothing here needs it, so nothing keeps it.
     */
    public Uni<LoginSession> code2Session(WechatApp app, String secret, String jsCode) {
        String id = requireValue(appIdOf(app), "appId");
        String s = requireValue(secret, "secret");
        String code = requireValue(jsCode, "jsCode");
        return breakers.login(() -> call(app, WechatApiName.JSCODE2SESSION,
                () -> api.jscode2session(id, s, code, AUTHORIZATION_CODE), WechatAnswers::session));
    }

    /** Sends one request per subscription, and counts and times it by app and answer (see {@link WechatCallOutcome}). */
    private <T> Uni<T> call(WechatApp app, WechatApiName name, Supplier<Uni<RestResponse<String>>> request,
            Answer<T> answer) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return connections.run(name, request)
                    .onFailure(failure -> !(failure instanceof ConnectionsBusyException)).transform(failure -> {
                        WechatTransportException e = TransportFailures.classify(name, failure);
                        Log.debugf("%s: transport failure, mayHaveArrived=%s, timeout=%s", name.label(),
                                e.requestMayHaveArrived(), e.timeout());
                        return e;
                    })
                    .map(response -> read(name, response, answer))
                    .onItemOrFailure().invoke((item, failure) -> metrics.call(app, name,
                            WechatCallOutcome.errcode(failure), System.nanoTime() - start))
                    .onCancellation().invoke(() -> metrics.call(app, name, "cancelled", System.nanoTime() - start));
        });
    }

    private static <T> T read(WechatApiName name, RestResponse<String> response, Answer<T> answer) {
        int status = response.getStatus();
        String body = bodyOf(response);
        if (status < 200 || status >= 300) {
            WechatException wechatError = WechatAnswers.errorIn(name, status, body).orElse(null);
            if (wechatError != null) {
                throw wechatError;
            }
            throw new WechatProtocolException(name, status, "HTTP " + status);
        }
        return answer.apply(name, status, body);
    }

    /**
     * The answer's text. For error statuses with a non-JSON type the client hands over the unread stream
     * instead of the String asked for (the default exception mapper is off), so read it here.
     */
    private static String bodyOf(RestResponse<String> response) {
        Object entity = ((RestResponse<?>) response).getEntity();
        if (entity instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return null;
            }
        }
        return entity == null ? null : entity.toString();
    }

    private static String appIdOf(WechatApp app) {
        return Objects.requireNonNull(app, "app").appId();
    }

    private static String valueIf(Credential credential, Credential.Kind kind) {
        return credential.kind() == kind ? requireValue(credential.value(), "credential value") : null;
    }

    private static String requireValue(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    /** Parses a 2xx body. */
    @FunctionalInterface
    private interface Answer<T> {
        T apply(WechatApiName api, int httpStatus, String body);
    }
}
