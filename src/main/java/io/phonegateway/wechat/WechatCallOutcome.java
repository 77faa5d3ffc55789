package io.phonegateway.wechat;

import java.util.Locale;

/**
 * Bounded label values for what WeChat answered: the {@code errcode} label of the WeChat call metrics and the
 * {@code result} label of the token fetch metrics. Errcodes outside the catalogue collapse to {@code other}, so
 * a misbehaving upstream cannot create series without end.
 */
public final class WechatCallOutcome {

    public static final String OK = "ok";

    private WechatCallOutcome() {
    }

    /** {@code 0}, a catalogued errcode such as {@code -1} or {@code 40029}, {@code other}, or a failure word. */
    public static String errcode(Throwable failure) {
        if (failure == null) {
            return "0";
        }
        if (failure instanceof WechatException w) {
            return Errcodes.isCatalogued(w.errcode()) ? Integer.toString(w.errcode()) : "other";
        }
        return failureWord(failure);
    }

    /** {@code ok}, the errcode's kind in lower case ({@code auth_failed}, {@code rate_limited}, ...), or a failure word. */
    public static String result(Throwable failure) {
        if (failure == null) {
            return OK;
        }
        if (failure instanceof WechatException w) {
            return w.kind().name().toLowerCase(Locale.ROOT);
        }
        return failureWord(failure);
    }

    private static String failureWord(Throwable failure) {
        if (failure instanceof WechatTransportException t) {
            return t.timeout() ? "timeout" : "unreachable";
        }
        if (failure instanceof WechatProtocolException p) {
            return p.httpStatus() >= 200 && p.httpStatus() < 300 ? "invalid_answer" : "http_error";
        }
        return "error";
    }
}
