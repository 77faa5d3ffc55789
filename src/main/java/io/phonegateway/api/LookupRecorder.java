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
            metrics.abandoned(record.app, record.trace);
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
        String errcode = record.errcode == null ? "-" : record.errcode.toString();
        // built by hand: a format string would be parsed again on every lookup (issue 16's profile)
        StringBuilder line = new StringBuilder(200).append("lookup requestId=").append(requestId)
                .append(" caller=").append(record.caller).append(" app=").append(record.app)
                .append(" outcome=").append(outcome).append(" status=").append(status)
                .append(" errcode=").append(errcode).append(" retries=").append(retries)
                .append(" cached=").append(record.trace.fromResultCache()).append(" joined=").append(record.trace.joined())
                .append(" latencyMs=").append(latencyMs)
                .append(" phone=").append(record.maskedPhone == null ? "-" : record.maskedPhone);
        write(line.toString(), status, requestId, record, outcome, errcode, retries, latencyMs);
    }

    /**
     * The login counterpart of the lookup line: the same fields, the openid masked ({@link Mask#id}), whether the
     * session came from its stored result, and the phone (masked) when a phone code came along.
     */
    private static void logLogin(RoutingContext rc, LookupRecord record, String outcome, int status, long latencyMs) {
        String requestId = rc.request().getHeader(RequestIdFilter.HEADER);
        int retries = record.trace.retries();
        String errcode = record.errcode == null ? "-" : record.errcode.toString();
        StringBuilder line = new StringBuilder(220).append("login requestId=").append(requestId)
                .append(" caller=").append(record.caller).append(" app=").append(record.app)
                .append(" outcome=").append(outcome).append(" status=").append(status)
                .append(" errcode=").append(errcode).append(" retries=").append(retries)
                .append(" sessionCached=").append(record.trace.sessionFromStore())
                .append(" phoneCached=").append(record.trace.fromResultCache())
                .append(" latencyMs=").append(latencyMs)
                .append(" openid=").append(record.maskedOpenid == null ? "-" : record.maskedOpenid)
                .append(" phone=").append(record.maskedPhone == null ? "-" : record.maskedPhone);
        write(line.toString(), status, requestId, record, outcome, errcode, retries, latencyMs);
    }

    /** The line at INFO (WARN for a 5xx), with its fields also as MDC for the JSON log. */
    private static void write(String line, int status, String requestId, LookupRecord record, String outcome,
            String errcode, int retries, long latencyMs) {
        MDC.put(MDC_KEYS[0], String.valueOf(requestId));
        MDC.put(MDC_KEYS[1], record.caller);
        MDC.put(MDC_KEYS[2], record.app);
        MDC.put(MDC_KEYS[3], outcome);
        MDC.put(MDC_KEYS[4], errcode);
        MDC.put(MDC_KEYS[5], Integer.toString(retries));
        MDC.put(MDC_KEYS[6], Long.toString(latencyMs));
        try {
            if (status >= 500) {
                Log.warn(line);
            } else {
                Log.info(line);
            }
        } finally {
            for (String key : MDC_KEYS) {
                MDC.remove(key);
            }
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
