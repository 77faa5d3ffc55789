package io.phonegateway.wechat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.phonegateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Circuit breakers (SmallRye Fault Tolerance) on the phone call and on the token endpoints. They open on
 * upstream failures only (no answer, HTTP errors, unusable answers, -1 and other "WeChat cannot serve"
 * errcodes), never on answers about the code, the token or the credentials, which say WeChat works. An open
 * breaker fails at once with {@link CircuitOpenException}; after {@code delay} trial calls close it again.
 * {@link #state(String)} tells each breaker's state ({@link #PHONE}, {@link #TOKEN}), for metrics and tests.
 */
@Singleton
public class UpstreamBreakers {

    public static final String PHONE = "wechat-phone";
    public static final String TOKEN = "wechat-token";

    private final GatewayConfig.Breaker config;
    private volatile TypedGuard<Uni<PhoneInfo>> phone;
    private volatile TypedGuard<Uni<FetchedToken>> token;
    private final Duration delay;
    private int generations;
    private final Map<String, AtomicReference<CircuitBreakerState>> states = Map.of(
            PHONE, new AtomicReference<>(CircuitBreakerState.CLOSED), TOKEN, new AtomicReference<>(CircuitBreakerState.CLOSED));

    @Inject
    UpstreamBreakers(GatewayConfig config) {
        this.config = config.lookup().breaker();
        this.delay = this.config.delay();
        reset();
    }

    /** Closes both breakers and forgets their history (tests; after an outage known to be over). */
    public final synchronized void reset() {
        // the programmatic API has no reset and names must be unique, so fresh guards get generation-named breakers
        int generation = generations++;
        this.phone = TypedGuard.create(new TypeLiteral<Uni<PhoneInfo>>() {
        }).withCircuitBreaker().name(PHONE + "-" + generation).with(b -> configure(b, config, states.get(PHONE))).done().build();
        this.token = TypedGuard.create(new TypeLiteral<Uni<FetchedToken>>() {
        }).withCircuitBreaker().name(TOKEN + "-" + generation).with(b -> configure(b, config, states.get(TOKEN))).done().build();
        states.values().forEach(state -> state.set(CircuitBreakerState.CLOSED));
    }

    private UpstreamBreakers() {
        this.config = null;
        this.delay = Duration.ZERO;
    }

    /** No breakers at all: for unit tests of the client's answer handling. */
    static UpstreamBreakers none() {
        return new UpstreamBreakers();
    }

    Uni<PhoneInfo> phone(Supplier<Uni<PhoneInfo>> call) {
        return phone == null ? call.get() : guarded(phone, call, WechatApiName.GET_USER_PHONE_NUMBER);
    }

    Uni<FetchedToken> token(WechatApiName api, Supplier<Uni<FetchedToken>> call) {
        return token == null ? call.get() : guarded(token, call, api);
    }

    /** Whether a failure says WeChat (or the way to it) is in trouble, as opposed to an answer about the request. */
    public static boolean isUpstreamFailure(Throwable failure) {
        if (failure instanceof WechatException w) {
            return w.kind() == ErrorKind.BUSY || w.kind() == ErrorKind.UNAVAILABLE;
        }
        return failure instanceof WechatTransportException || failure instanceof WechatProtocolException;
    }

    /** The current state of breaker {@link #PHONE} or {@link #TOKEN}. */
    public CircuitBreakerState state(String breaker) {
        return states.get(breaker).get();
    }

    private <T> Uni<T> guarded(TypedGuard<Uni<T>> guard, Supplier<Uni<T>> call, WechatApiName api) {
        return Uni.createFrom().deferred(() -> guard.get(call))
                .onFailure(CircuitBreakerOpenException.class).transform(open -> new CircuitOpenException(api, delay));
    }

    private static <T> void configure(TypedGuard.Builder.CircuitBreakerBuilder<T> builder, GatewayConfig.Breaker config,
            AtomicReference<CircuitBreakerState> state) {
        builder.requestVolumeThreshold(config.requestVolumeThreshold())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.successThreshold())
                .when(UpstreamBreakers::isUpstreamFailure)
                .onStateChange(state::set);
    }
}
