package io.phonegateway.api;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegateway.problem.ProblemCode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests refused before any resource sees them, answered as problems (with {@code X-Request-Id}) instead of Vert.x's
 * and Quarkus' bare or {@code {"details":"Error id…"}} answers, and counted in {@value #REFUSALS}{reason} instead of
 * an ERROR line each (a caller's mistake is no server error, and anyone could flood the log with it):
 * <ul>
 * <li>a transfer coding other than {@code chunked} (RFC 9112 §6.1: 501): Vert.x would decode the chunks and ignore
 * the coding, so a proxy that honours it and the gateway would read different bodies;</li>
 * <li>several {@code Host} headers (RFC 9112 §3.2: 400), no {@code Host} at all (Vert.x Web fails it with 400);</li>
 * <li>any other 4xx Vert.x Web or Quarkus fails a request with before a route answers it (413 over
 * {@code max-body-size}, a malformed URI);</li>
 * <li>a request head that stalls (408, {@link HeaderReadTimeout}, told here when a head has arrived).</li>
 * </ul>
 * What Netty's HTTP/1.1 decoder refuses outright (a header block over {@code quarkus.http.limits.max-header-size}: 431,
 * a request line over {@code max-initial-line-length}: 414, a malformed length, both a length and chunking: 400) never
 * reaches Vert.x Web; Vert.x answers it with an empty body and closes the connection, without a log line.
 */
@ApplicationScoped
class FrameworkRefusals {

    static final String REFUSALS = "phone_gateway_http_refusals_total";
    private static final String DESCRIPTION = "Requests refused before any resource, by reason";
    private static final int PRIORITY = 9_900; // right after RequestIdFilter, before any other filter reads the request

    enum Reason {
        TRANSFER_CODING,
        SEVERAL_HOSTS,
        MISSING_HOST,
        FRAMEWORK_4XX,
        /** Counted by {@link HeaderReadTimeout}, which answers below Vert.x. */
        HEADER_TIMEOUT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Counter[] counters;

    FrameworkRefusals(MeterRegistry registry) {
        this.counters = Arrays.stream(Reason.values()).filter(reason -> reason != Reason.HEADER_TIMEOUT)
                .map(reason -> Counter.builder(REFUSALS).tag("reason", reason.label()).description(DESCRIPTION)
                        .register(registry))
                .toArray(Counter[]::new);
        FunctionCounter.builder(REFUSALS, HeaderReadTimeout.TIMEOUTS, LongAdder::doubleValue)
                .tag("reason", Reason.HEADER_TIMEOUT.label()).description(DESCRIPTION).register(registry);
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            HeaderReadTimeout.requestArrived(rc);
            HttpServerRequest request = rc.request();
            String coding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (coding != null && request.version() != HttpVersion.HTTP_2 && !coding.trim().equalsIgnoreCase("chunked")) {
                refuse(rc, Reason.TRANSFER_CODING, ProblemCode.NOT_IMPLEMENTED,
                        "Only 'Transfer-Encoding: chunked' is supported; send the body as it is");
                return;
            }
            List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
            if (hosts.size() > 1) {
                refuse(rc, Reason.SEVERAL_HOSTS, ProblemCode.INVALID_REQUEST, "Send exactly one Host header");
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    void register(@Observes Router router) {
        router.route().failureHandler(rc -> {
            int status = rc.statusCode();
            if (status < 400 || status >= 500 || rc.response().headWritten()) {
                rc.next(); // a server failure: Quarkus logs it with its error id, as it should
                return;
            }
            if (rc.request().authority() == null) {
                refuse(rc, Reason.MISSING_HOST, ProblemCode.INVALID_REQUEST, "Send a Host header");
            } else if (status == 413) {
                refuse(rc, Reason.FRAMEWORK_4XX, ProblemCode.PAYLOAD_TOO_LARGE, BodyLimitFilter.TOO_LARGE);
            } else {
                ProblemCode code = Arrays.stream(ProblemCode.values()).filter(c -> c.status() == status).findFirst()
                        .orElse(ProblemCode.INVALID_REQUEST);
                refuse(rc, Reason.FRAMEWORK_4XX, code, code.title());
            }
        });
    }

    private void refuse(RoutingContext rc, Reason reason, ProblemCode code, String detail) {
        counters[reason.ordinal()].increment();
        BodyLimitFilter.refuse(rc, code, detail);
    }
}
