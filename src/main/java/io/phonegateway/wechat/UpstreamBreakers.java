package io.phonegateway.wechat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.phonegateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Circuit breakers (SmallRye Fault Tolerance) on the phone call, the token endpoints and jscode2session. They open on
 * upstream failures only (no answer, HTTP errors, unusable answers, -1 and other "WeChat cannot serve"
 * errcodes), never on answers about the code, the token or the credentials, which say WeChat works. An open
 * breaker fails at once with {@link CircuitOpenException}; after {@code delay} trial calls close it again.
 * The breakers are named ({@link #PHONE}, {@link #TOKEN}, {@link #LOGIN}), so {@link CircuitBreakerMaintenance} reads and
 * resets them.
 */
@Singleton
public class UpstreamBreakers {

    public static final String PHONE = "wechat-phone";
    public static final String TOKEN = "wechat-token";
    public static final String LOGIN = "wechat-login";

    private final TypedGuard<Uni<PhoneInfo>> phone;
    private final TypedGuard<Uni<FetchedToken>> token;
    private final TypedGuard<Uni<LoginSession>> login;
    private final Duration delay;
    private final CircuitBreakerMaintenance maintenance = CircuitBreakerMaintenance.get();

    UpstreamBreakers(GatewayConfig config, WechatMetrics metrics) {
        GatewayConfig.Breaker breaker = config.lookup().breaker();
        this.delay = breaker.delay();
        this.phone = TypedGuard.create(new TypeLiteral<Uni<PhoneInfo>>() {
        }).withCircuitBreaker().name(PHONE).with(b -> configure(b, breaker)).done().build();
        this.token = TypedGuard.create(new TypeLiteral<Uni<FetchedToken>>() {
        }).withCircuitBreaker().name(TOKEN).with(b -> configure(b, breaker)).done().build();
        this.login = TypedGuard.create(new TypeLiteral<Uni<LoginSession>>() {
        }).withCircuitBreaker().name(LOGIN).with(b -> configure(b, breaker)).done().build();
        metrics.circuitBreaker(PHONE, () -> state(PHONE));
        metrics.circuitBreaker(LOGIN, () -> state(LOGIN));
        metrics.circuitBreaker(TOKEN, () -> state(TOKEN));
    }

    /** Closes the breakers and forgets their history (tests; after an outage known to be over). */
    public void reset() {
        maintenance.reset(PHONE);
        maintenance.reset(TOKEN);
        maintenance.reset(LOGIN);
    }

    /**
     * Builds each breaker now rather than on the first call (SmallRye builds a guard lazily, with CDI lookups that
     * cost a cold JVM seconds on the event loop); passes one empty call through each, which counts as a success.
     */
    public void warmUp() {
        phone.get(() -> Uni.createFrom().nullItem()).await().indefinitely();
        token.get(() -> Uni.createFrom().nullItem()).await().indefinitely();
        login.get(() -> Uni.createFrom().nullItem()).await().indefinitely();
    }

    /** The current state of breaker {@link #PHONE}, {@link #TOKEN} or {@link #LOGIN}. */
    public CircuitBreakerState state(String breaker) {
        return maintenance.currentState(breaker);
    }

    Uni<PhoneInfo> phone(Supplier<Uni<PhoneInfo>> call) {
        return guarded(phone, call, WechatApiName.GET_USER_PHONE_NUMBER);
    }

    Uni<LoginSession> login(Supplier<Uni<LoginSession>> call) {
        return guarded(login, call, WechatApiName.JSCODE2SESSION);
    }

    Uni<FetchedToken> token(WechatApiName api, Supplier<Uni<FetchedToken>> call) {
        return guarded(token, call, api);
    }

    /** Whether a failure says WeChat (or the way to it) is in trouble, as opposed to an answer about the request. */
    public static boolean isUpstreamFailure(Throwable failure) {
        if (failure instanceof WechatException w) {
            return w.kind() == ErrorKind.BUSY || w.kind() == ErrorKind.UNAVAILABLE;
        }
        // busy connections of this replica say nothing about WeChat
        return failure instanceof WechatTransportException && !(failure instanceof ConnectionsBusyException)
                || failure instanceof WechatProtocolException;
    }

    private <T> Uni<T> guarded(TypedGuard<Uni<T>> guard, Supplier<Uni<T>> call, WechatApiName api) {
        return Uni.createFrom().deferred(() -> guard.get(call))
                .onFailure(CircuitBreakerOpenException.class).transform(open -> new CircuitOpenException(api, delay));
    }

    private static <T> void configure(TypedGuard.Builder.CircuitBreakerBuilder<T> builder, GatewayConfig.Breaker config) {
        builder.requestVolumeThreshold(config.requestVolumeThreshold())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.successThreshold())
                .when(UpstreamBreakers::isUpstreamFailure);
    }
}
