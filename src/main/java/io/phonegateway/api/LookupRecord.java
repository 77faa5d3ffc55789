package io.phonegateway.api;

import java.util.concurrent.atomic.AtomicBoolean;

import io.phonegateway.lookup.LookupTrace;
import io.phonegateway.observability.GatewayMetrics;
import io.vertx.ext.web.RoutingContext;

/**
 * What is known about one {@code POST /phone} for its log line and metrics, filled as the request passes the
 * layers: {@link LookupRecorder} opens it, {@link PhoneResource} adds the app and the trace, the response filter
 * the caller and the outcome. Kept on the Vert.x request, so it survives every way a request can end.
 */
final class LookupRecord {

    private static final String KEY = LookupRecord.class.getName();

    final long startNanos = System.nanoTime();
    volatile String app = GatewayMetrics.UNKNOWN_APP;
    volatile String caller = "unknown";
    volatile String outcome;
    volatile Integer errcode;
    volatile String maskedPhone;
    volatile LookupTrace trace;
    final AtomicBoolean finished = new AtomicBoolean();

    static LookupRecord open(RoutingContext rc) {
        LookupRecord record = new LookupRecord();
        rc.put(KEY, record);
        return record;
    }

    /** The record of this request, or a detached one when the request did not pass the recorder (never null). */
    static LookupRecord of(RoutingContext rc) {
        LookupRecord record = rc == null ? null : rc.get(KEY);
        return record == null ? new LookupRecord() : record;
    }
}
