package io.phonegateway.api;

import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.quarkus.logging.Log;

/**
 * Every failure of a JAX-RS request, the filters' refusals included, leaves as {@code application/problem+json}
 * from here; see {@link ProblemCode}. ({@link BodyLimitFilter} answers the few that come before JAX-RS.)
 */
class ProblemMapper {

    @ServerExceptionMapper
    Response gatewayProblem(GatewayException e, HttpHeaders headers) {
        if (e.code() == ProblemCode.INTERNAL_ERROR) {
            Log.errorf(e.getCause(), "requestId=%s lookup failed unexpectedly", RequestIdFilter.of(headers));
        }
        Response.ResponseBuilder response = Response.status(e.code().status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e, RequestIdFilter.of(headers)));
        // every 503 tells the caller when to come back (README "API": Retry-After on every 503)
        e.retryAfter().or(() -> e.code().status() == 503 ? Optional.of(GatewayException.DEFAULT_RETRY_AFTER) : Optional.empty())
                .ifPresent(after -> response.header(HttpHeaders.RETRY_AFTER, Math.max(1, after.toSeconds())));
        if (e.code() == ProblemCode.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthFilter.CHALLENGE);
        }
        return response.build();
    }

    /** What Quarkus REST itself refuses: unknown path, wrong method, wrong media type... */
    @ServerExceptionMapper
    Response frameworkProblem(WebApplicationException e, HttpHeaders headers) {
        ProblemCode code = switch (e.getResponse().getStatus()) {
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ProblemCode.UNAUTHORIZED;
            default -> e.getResponse().getStatus() < 500 ? ProblemCode.INVALID_REQUEST : ProblemCode.INTERNAL_ERROR;
        };
        Response.ResponseBuilder response = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, code.title(), RequestIdFilter.of(headers)));
        if (code == ProblemCode.METHOD_NOT_ALLOWED) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW); // Quarkus REST leaves it out
            response.header(HttpHeaders.ALLOW, allow != null ? allow : AllowedMethods.ofCurrentRequest());
        }
        return response.build();
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, HttpHeaders headers) {
        String requestId = RequestIdFilter.of(headers);
        Log.errorf(e, "requestId=%s unexpected failure", requestId);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred; see the logs for this requestId",
                        requestId))
                .build();
    }
}
