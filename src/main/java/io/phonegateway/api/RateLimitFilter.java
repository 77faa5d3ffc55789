package io.phonegateway.api;

import java.time.Duration;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.ratelimit.RateDecision;
import io.phonegateway.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds each caller of {@code POST /phone} to its rate limit: after {@link ApiKeyAuthFilter} has named the caller
 * (priority {@link Priorities#AUTHORIZATION} runs after {@link Priorities#AUTHENTICATION}) and before the body is
 * looked at, so no WeChat call is ever made beyond the limit. Over it: 429 RATE_LIMITED with {@code Retry-After}.
 */
class RateLimitFilter {

    private final RateLimiter limiter;

    RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** A refusal is a {@link GatewayException}, rendered (with {@code Retry-After}) by {@link ProblemMapper}. */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    Uni<Void> limit(ContainerRequestContext request, RoutingContext rc) {
        if (!LookupPath.isCallerApi(rc)) {
            return Uni.createFrom().voidItem();
        }
        Object caller = request.getProperty(ApiKeyAuthFilter.CALLER);
        return limiter.acquire(caller == null ? ApiKeyAuthFilter.ANONYMOUS : caller.toString())
                .invoke(decision -> {
                    if (!decision.allowed()) {
                        throw tooMany(decision);
                    }
                })
                .replaceWithVoid();
    }

    /** Whole seconds, rounded up, at least 1 (Retry-After has no fractions). */
    static long retryAfterSeconds(RateDecision decision) {
        return Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
    }

    private static GatewayException tooMany(RateDecision decision) {
        long seconds = retryAfterSeconds(decision);
        return GatewayException
                .of(ProblemCode.RATE_LIMITED, "This caller's rate limit is reached; retry after " + seconds + " s")
                .retryAfter(Duration.ofSeconds(seconds));
    }
}
