package io.phonegateway.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.phonegateway.phone.Mask;
import io.phonegateway.problem.ProblemCode;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Metrics and the one log line of every {@code POST /phone} and {@code POST /login}, whatever way it ends: answered by the
 * resource, refused
 * by a filter (401, 413) or by Quarkus itself (415). The line carries requestId, caller, app, outcome, errcode,
 * retries, whether a stored result or an identical lookup in flight answered (cached, joined), latency and the phone
 * masked to its last four digits; never a code, token, secret or full number.
 */
@ApplicationScoped
class LookupRecorder {

    private static final int PRIORITY = 9_500; // after RequestIdFilter, before BodyLimitFilter's 413
    private static final String[] MDC_KEYS = { "requestId", "caller", "app", "outcome", "errcode", "retries", "latencyMs" };

    private final LookupMetrics metrics;

    LookupRecorder(LookupMetrics metrics) {
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (LookupPath.matches(rc)) {
                LookupRecord record = LookupRecord.open(rc);
                metrics.started();
                // counted and logged as the answer starts, so a caller that has its answer finds it in metrics and logs
                rc.addHeadersEndHandler(answering -> finish(rc, record, true));
                rc.addEndHandler(ended -> finish(rc, record, false)); // no answer at all: the caller went away
            }
            rc.next();
        }, PRIORITY);
    }

    /** Takes the outcome from what the JAX-RS layer answers: the response entity says it all. */
    @ServerResponseFilter
    void recordOutcome(ContainerResponseContext response, RoutingContext rc) {
        if (!LookupPath.matches(rc)) {
            return;
        }
        LookupRecord record = LookupRecord.of(rc);
        Object entity = response.getEntity();
        if (entity instanceof Problem problem) {
            record.outcome = problem.code().toLowerCase(Locale.ROOT);
            record.errcode = problem.errcode();
        } else if (entity instanceof PhoneResponse phone) {
            record.outcome = "ok";
            record.maskedPhone = masked(phone);
        } else if (entity instanceof LoginResponse login) {
            record.outcome = "ok";
            record.maskedOpenid = Mask.id(login.openid());
            record.maskedPhone = login.phone() == null ? null : masked(login.phone());
        }
    }

    private static String masked(PhoneResponse phone) {
        return Mask.phone(phone.e164() != null ? phone.e164() : phone.purePhoneNumber());
    }

    private void finish(RoutingContext rc, LookupRecord record, boolean answered) {
        if (!record.finished.compareAndSet(false, true)) {
            return;
        }
        long nanos = System.nanoTime() - record.startNanos;
        int status = rc.response().getStatusCode();
        String outcome = record.outcome != null ? record.outcome : outcomeOf(status);
        if (ProblemCode.NOT_FOUND.outcome().equals(outcome)) {
            metrics.notALookup(); // a path LookupPath took for /phone that Quarkus REST did not route to it
            return;
        }
        if (answered) {
            metrics.finished(record.login, record.app, outcome, nanos, record.trace);
        } else {
            metrics.abandoned(record.trace);
            outcome = "abandoned";
        }
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (record.login) {
            logLogin(rc, record, outcome, status, latencyMs);
        } else {
            log(rc, record, outcome, status, latencyMs);
        }
    }

    private static void log(RoutingContext rc, LookupRecord record, String outcome, int status, long latencyMs) {
        String requestId = rc.request().getHeader(RequestIdFilter.HEADER);
        int retries = record.trace.retries();
        boolean cached = record.trace.fromResultCache();
        boolean joined = record.trace.joined();
        String errcode = record.errcode == null ? "-" : record.errcode.toString();
        String phone = record.maskedPhone == null ? "-" : record.maskedPhone;
        Object[] values = { requestId, record.caller, record.app, outcome, errcode, retries, latencyMs };
        for (int i = 0; i < MDC_KEYS.length; i++) {
            MDC.put(MDC_KEYS[i], String.valueOf(values[i]));
        }
        try {
            String format = "lookup requestId=%s caller=%s app=%s outcome=%s status=%d errcode=%s retries=%d cached=%s joined=%s latencyMs=%d phone=%s";
            Object[] args = { requestId, record.caller, record.app, outcome, status, errcode, retries, cached, joined,
                    latencyMs, phone };
            if (status >= 500) {
                Log.warnf(format, args);
            } else {
                Log.infof(format, args);
            }
        } finally {
            Arrays.stream(MDC_KEYS).forEach(MDC::remove);
        }
    }

    /**
     * The login counterpart of the lookup line: the same fields, the openid masked ({@link Mask#id}), whether the
     * session came from its stored result, and the phone (masked) when a phone code came along.
     */
    private static void logLogin(RoutingContext rc, LookupRecord record, String outcome, int status, long latencyMs) {
        String requestId = rc.request().getHeader(RequestIdFilter.HEADER);
        String errcode = record.errcode == null ? "-" : record.errcode.toString();
        Object[] values = { requestId, record.caller, record.app, outcome, errcode, record.trace.retries(), latencyMs };
        for (int i = 0; i < MDC_KEYS.length; i++) {
            MDC.put(MDC_KEYS[i], String.valueOf(values[i]));
        }
        try {
            String format = "login requestId=%s caller=%s app=%s outcome=%s status=%d errcode=%s retries=%d sessionCached=%s phoneCached=%s latencyMs=%d openid=%s phone=%s";
            Object[] args = { requestId, record.caller, record.app, outcome, status, errcode, record.trace.retries(),
                    record.trace.sessionFromStore(), record.trace.fromResultCache(), latencyMs,
                    record.maskedOpenid == null ? "-" : record.maskedOpenid,
                    record.maskedPhone == null ? "-" : record.maskedPhone };
            if (status >= 500) {
                Log.warnf(format, args);
            } else {
                Log.infof(format, args);
            }
        } finally {
            Arrays.stream(MDC_KEYS).forEach(MDC::remove);
        }
    }

    /** For answers that did not come through JAX-RS (BodyLimitFilter's 413, Vert.x's own refusals). */
    private static String outcomeOf(int status) {
        if (status >= 200 && status < 300) {
            return "ok";
        }
        return Arrays.stream(ProblemCode.values()).filter(c -> c.status() == status).findFirst()
                .orElse(status < 500 ? ProblemCode.INVALID_REQUEST : ProblemCode.INTERNAL_ERROR).outcome();
    }
}
