package io.phonegateway.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.phonegateway.lookup.ProblemCode;
import io.phonegateway.ratelimit.RateDecision;
import io.phonegateway.ratelimit.RateLimiter;
import io.smallrye.mutiny.Uni;

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

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    Uni<Response> limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/phone")) {
            return Uni.createFrom().nullItem();
        }
        Object caller = request.getProperty(ApiKeyAuthFilter.CALLER);
        return limiter.acquire(caller == null ? ApiKeyAuthFilter.ANONYMOUS : caller.toString())
                .map(decision -> decision.allowed() ? null : tooMany(decision, request));
    }

    private static Response tooMany(RateDecision decision, ContainerRequestContext request) {
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        return Response.status(ProblemCode.RATE_LIMITED.status()).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .entity(Problem.of(ProblemCode.RATE_LIMITED,
                        "This caller's rate limit is reached; retry after " + seconds + " s",
                        request.getHeaderString(RequestIdFilter.HEADER)))
                .build();
    }
}
