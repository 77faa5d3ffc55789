package io.phonegateway.api;

import java.util.concurrent.atomic.AtomicBoolean;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.lookup.LookupTrace;
import io.vertx.ext.web.RoutingContext;

/**
 * The one record of a {@code POST /phone} or {@code POST /login}, for its log line and meters. Each fact is written where it
 * becomes
 * known: {@link LookupRecorder} opens it, {@link ApiKeyAuthFilter} names the caller, {@link PhoneResource} the app,
 * the lookup fills {@link #trace}, the response filter the outcome. Kept on the Vert.x request, so it survives every
 * way a request can end, and read once, by {@link LookupRecorder}, when it ends.
 */
final class LookupRecord {

    private static final String KEY = LookupRecord.class.getName();

    final long startNanos = System.nanoTime();
    final LookupTrace trace = new LookupTrace();
    volatile String app = AppRegistry.UNKNOWN_APP;
    volatile String caller = "unknown";
    volatile String outcome;
    volatile Integer errcode;
    volatile String maskedPhone;
    /** {@code POST /login}: the user's openid, masked; null until a login succeeded. */
    volatile String maskedOpenid;
    boolean login;
    final AtomicBoolean finished = new AtomicBoolean();

    static LookupRecord open(RoutingContext rc) {
        LookupRecord record = new LookupRecord();
        record.login = LookupPath.isLogin(rc);
        rc.put(KEY, record);
        return record;
    }

    /** The record of this request; every request {@link LookupPath} matches has one (never null). */
    static LookupRecord of(RoutingContext rc) {
        LookupRecord record = rc == null ? null : rc.get(KEY);
        return record == null ? new LookupRecord() : record;
    }
}
