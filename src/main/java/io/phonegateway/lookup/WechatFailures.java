package io.phonegateway.lookup;

import java.time.Duration;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.wechat.CircuitOpenException;
import io.phonegateway.wechat.ConnectionsBusyException;
import io.phonegateway.wechat.WechatApiName;
import io.phonegateway.wechat.WechatException;
import io.phonegateway.wechat.WechatProtocolException;
import io.phonegateway.wechat.WechatTransportException;

/** Turns what went wrong at WeChat into the contract's problem, in one place. */
final class WechatFailures {

    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);
    static final Duration UNAVAILABLE_RETRY_AFTER = GatewayException.DEFAULT_RETRY_AFTER;
    static final Duration MINUTE_QUOTA_RETRY_AFTER = Duration.ofSeconds(60);
    static final Duration DAILY_QUOTA_RETRY_AFTER = Duration.ofHours(1);
    /** WeChat's per-user login limit counts a minute (docs/wechat.md "code2Session"). */
    static final Duration USER_LOGIN_RETRY_AFTER = Duration.ofSeconds(60);

    private WechatFailures() {
    }

    /**
     * The 504 at a {@code lookup} or {@code login} deadline. The exchange goes on (it may already have spent the code
     * at WeChat) and stores its result for the retry, which waits for it on any replica (README "Resilience").
     */
    static GatewayException deadlinePassed(String what, Duration deadline) {
        return GatewayException.of(ProblemCode.UPSTREAM_TIMEOUT, "The " + what + "'s deadline of " + deadline.toMillis()
                + " ms passed while WeChat had not answered; retry the same code shortly: the " + what
                + " goes on and its result is kept for the retry").retryAfter(ResultCache.RETRY_SAME_CODE_AFTER);
    }

    /** As {@link #toProblem(Throwable, CodeBinding)} for a code of the only app, sent without openid. */
    static GatewayException toProblem(Throwable failure) {
        return toProblem(failure, CodeBinding.ONLY_APP);
    }

    /**
     * @param codeBinding what the code was sent with, for a 40029 that need not mean the code is spent: WeChat
     *        answers 40029 as well for a live code sent under another app or with another user's openid
     */
    static GatewayException toProblem(Throwable failure, CodeBinding codeBinding) {
        if (failure instanceof GatewayException g) {
            return g;
        }
        if (failure instanceof WechatException w) {
            return fromErrcode(w, codeBinding);
        }
        if (failure instanceof CircuitOpenException open) {
            return GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE, "WeChat's " + open.api().label()
                    + " failed repeatedly; calls are paused for a moment (circuit open) and the code was not sent:"
                    + " retry the same code after Retry-After").retryAfter(open.retryAfter()).because(open);
        }
        if (failure instanceof WechatProtocolException p) {
            return GatewayException.of(ProblemCode.UPSTREAM_ERROR,
                    "WeChat's " + p.api().label() + " answer could not be used").because(p);
        }
        if (failure instanceof ConnectionsBusyException busy) {
            return GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE, "All " + busy.connections() + " connections"
                    + " of this replica to WeChat stayed busy for " + busy.waited().toMillis() + " ms; the code was not"
                    + " sent: retry the same code after Retry-After").retryAfter(UNAVAILABLE_RETRY_AFTER).because(busy);
        }
        if (failure instanceof WechatTransportException t) {
            return t.timeout()
                    ? GatewayException.of(ProblemCode.UPSTREAM_TIMEOUT, "WeChat did not answer in time; retry the same"
                            + " code shortly: a result WeChat gives it later is kept for the retry")
                            .retryAfter(ResultCache.RETRY_SAME_CODE_AFTER).because(t)
                    : GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE, "WeChat could not be reached; retry the"
                            + " same code after Retry-After").retryAfter(UNAVAILABLE_RETRY_AFTER).because(t);
        }
        return GatewayException.of(ProblemCode.INTERNAL_ERROR, "The lookup failed unexpectedly").because(failure);
    }

    /** The app a code was sent under, whether an openid came with it, and whether another app could have issued it. */
    record CodeBinding(String appName, String appId, boolean withOpenid, boolean severalApps) {

        static final CodeBinding ONLY_APP = new CodeBinding(null, null, false, false);

        /** 40029's detail: "tap again" only where nothing else than a spent or expired code can explain it. */
        String invalidCodeDetail() {
            String said = "WeChat says the code does not exist, expired or was already used";
            if (withOpenid) {
                return said + " for app " + appName + " (" + appId + ") and this openid: a code is bound to the"
                        + " mini-program and the user it was issued to; if appId and openid are right, the user must tap again";
            }
            if (severalApps) {
                return said + " for app " + appName + " (" + appId + "): a code is bound to the mini-program that"
                        + " issued it; if appId is right, the user must tap again";
            }
            return said + "; the user must tap again";
        }
    }

    private static GatewayException fromErrcode(WechatException w, CodeBinding codeBinding) {
        String api = w.api().label();
        return switch (w.kind()) {
            case BUSY -> problem(w, ProblemCode.UPSTREAM_BUSY, "WeChat answered busy (-1) on " + api, BUSY_RETRY_AFTER);
            case INVALID_CODE -> w.api() == WechatApiName.JSCODE2SESSION
                    ? problem(w, ProblemCode.INVALID_LOGIN_CODE,
                            "WeChat says the login code does not exist, expired or was already used; call wx.login again", null)
                    : problem(w, ProblemCode.INVALID_CODE, codeBinding.invalidCodeDetail(), null);
            case USER_RATE_LIMITED -> problem(w, ProblemCode.LOGIN_RATE_LIMITED,
                    "WeChat allows each user a limited number of logins a minute", USER_LOGIN_RETRY_AFTER);
            case USER_BLOCKED -> problem(w, ProblemCode.HIGH_RISK_USER,
                    "WeChat blocks this user's login: it rates the user high-risk", null);
            case TOKEN_REJECTED -> problem(w, ProblemCode.UPSTREAM_UNAVAILABLE,
                    "WeChat rejected a freshly fetched access token", UNAVAILABLE_RETRY_AFTER);
            case AUTH_FAILED -> problem(w, ProblemCode.UPSTREAM_AUTH_FAILED,
                    "WeChat rejected the app's credentials, permissions or this host's IP on " + api, null);
            case RATE_LIMITED -> problem(w, ProblemCode.UPSTREAM_RATE_LIMITED, "WeChat's frequency or quota limit on " + api,
                    w.errcode() == 45009 ? DAILY_QUOTA_RETRY_AFTER : MINUTE_QUOTA_RETRY_AFTER);
            case UNAVAILABLE -> problem(w, ProblemCode.UPSTREAM_UNAVAILABLE, "WeChat cannot serve " + api + " right now",
                    UNAVAILABLE_RETRY_AFTER);
            case UPSTREAM_ERROR ->
                problem(w, ProblemCode.UPSTREAM_ERROR, "WeChat answered an unexpected errcode on " + api, null);
        };
    }

    private static GatewayException problem(WechatException w, ProblemCode code, String detail, Duration retryAfter) {
        GatewayException problem = GatewayException.of(code, detail).wechatAnswer(w.errcode(), w.rid().orElse(null)).because(w);
        return retryAfter == null ? problem : problem.retryAfter(retryAfter);
    }
}
