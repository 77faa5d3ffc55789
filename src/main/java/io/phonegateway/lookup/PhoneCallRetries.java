package io.phonegateway.lookup;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.LoginSession;
import io.phonegateway.wechat.PhoneInfo;
import io.phonegateway.wechat.UpstreamBreakers;
import io.phonegateway.wechat.WechatException;
import io.phonegateway.wechat.WechatProtocolException;
import io.phonegateway.wechat.WechatTransportException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * Which phone-call attempts are repeated, and how. A phone code is single-use and paid for, so the rule is
 * "repeat only what cannot have spent it, and say so when it may have":
 * <ul>
 * <li>Safe to repeat: WeChat's busy (-1) and calls that never reached WeChat. Retried with exponential
 * backoff and jitter (SmallRye Fault Tolerance, non-blocking: timers, no sleeping thread), at most
 * {@code max-retries} times and never past the lookup's deadline.</li>
 * <li>Ambiguous (the request may have been processed, its answer was lost: a timeout after sending, a reset,
 * an HTTP error or unusable answer without a WeChat errcode): one more attempt only. If WeChat then says
 * 40029, the lost attempt most likely spent the code: 502 CODE_POSSIBLY_CONSUMED, so the caller asks the
 * user to tap again instead of believing the code was bad.</li>
 * <li>Everything else (40029, credentials, quota, an open breaker) is final.</li>
 * </ul>
 */
@Singleton
class PhoneCallRetries {

    private final TypedGuard<Uni<PhoneInfo>> safeRetries;
    private final TypedGuard<Uni<LoginSession>> safeLoginRetries;

    PhoneCallRetries(GatewayConfig config) {
        this.safeRetries = safeRetries(new TypeLiteral<Uni<PhoneInfo>>() {
        }, config);
        this.safeLoginRetries = safeRetries(new TypeLiteral<Uni<LoginSession>>() {
        }, config);
    }

    private static <T> TypedGuard<Uni<T>> safeRetries(TypeLiteral<Uni<T>> type, GatewayConfig config) {
        GatewayConfig.Retry retry = config.lookup().retry();
        long initial = retry.initialBackoff().toMillis();
        return TypedGuard.create(type).withRetry()
                .maxRetries(retry.maxRetries())
                .delay(initial, ChronoUnit.MILLIS)
                .jitter(Math.max(1, Math.round(initial * retry.jitter())), ChronoUnit.MILLIS)
                .maxDuration(config.lookup().deadline().toMillis(), ChronoUnit.MILLIS)
                .whenException(PhoneCallRetries::isSafeToRepeat)
                .withExponentialBackoff().factor(2).maxDelay(retry.maxBackoff().toMillis(), ChronoUnit.MILLIS).done()
                .done().build();
    }

    /** Builds the retry guards now rather than on the first lookup (see {@link UpstreamBreakers#warmUp}). */
    void warmUp() {
        safeRetries.get(() -> Uni.createFrom().nullItem()).await().indefinitely();
        safeLoginRetries.get(() -> Uni.createFrom().nullItem()).await().indefinitely();
    }

    /** Runs {@code attempt} (one WeChat call per subscription) under the rules above; counts retries in {@code trace}. */
    Uni<PhoneInfo> run(Supplier<Uni<PhoneInfo>> attempt, LookupTrace trace) {
        return run(safeRetries, LookupTrace.PHONE_API, ProblemCode.CODE_POSSIBLY_CONSUMED, attempt, trace);
    }

    /** The same rules for a jscode2session exchange: a login code is as single-use as a phone code. */
    Uni<LoginSession> runLogin(Supplier<Uni<LoginSession>> attempt, LookupTrace trace) {
        return run(safeLoginRetries, LookupTrace.LOGIN_API, ProblemCode.LOGIN_CODE_POSSIBLY_CONSUMED, attempt, trace);
    }

    private static <T> Uni<T> run(TypedGuard<Uni<T>> guard, String api, ProblemCode consumed, Supplier<Uni<T>> attempt,
            LookupTrace trace) {
        return withSafeRetries(guard, api, attempt, trace)
                .onFailure(PhoneCallRetries::isAmbiguous).recoverWithUni(lost -> {
                    trace.retried(api, RetryReason.LOST_ANSWER);
                    return withSafeRetries(guard, api, attempt, trace)
                            .onFailure(PhoneCallRetries::isInvalidCode)
                            .transform(spent -> codePossiblyConsumed(consumed, (WechatException) spent));
                });
    }

    private static <T> Uni<T> withSafeRetries(TypedGuard<Uni<T>> guard, String api, Supplier<Uni<T>> attempt,
            LookupTrace trace) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Throwable> previous = new AtomicReference<>();
        return guard.get(() -> Uni.createFrom().deferred(() -> {
            if (attempts.getAndIncrement() > 0) {
                trace.retried(api, previous.get() instanceof WechatException ? RetryReason.BUSY : RetryReason.TRANSPORT);
            }
            return attempt.get().onFailure().invoke(previous::set);
        }));
    }

    static boolean isSafeToRepeat(Throwable failure) {
        return failure instanceof WechatException w && w.kind() == ErrorKind.BUSY
                || failure instanceof WechatTransportException t && !t.requestMayHaveArrived();
    }

    static boolean isAmbiguous(Throwable failure) {
        return failure instanceof WechatTransportException t && t.requestMayHaveArrived()
                || failure instanceof WechatProtocolException p && (p.httpStatus() < 400 || p.httpStatus() >= 500);
    }

    private static boolean isInvalidCode(Throwable failure) {
        return failure instanceof WechatException w && w.kind() == ErrorKind.INVALID_CODE;
    }

    private static GatewayException codePossiblyConsumed(ProblemCode consumed, WechatException spent) {
        return GatewayException.of(consumed,
                "An attempt whose answer was lost was repeated and WeChat then said the code is spent: the lost"
                        + " attempt most likely used it; " + (consumed == ProblemCode.CODE_POSSIBLY_CONSUMED
                                ? "the user must tap again"
                                : "call wx.login again"))
                .wechatAnswer(spent.errcode(), spent.rid().orElse(null)).because(spent);
    }
}
