package io.phonegateway.wechat;

/** What a non-zero WeChat errcode means for the gateway; {@link Errcodes} maps each errcode to one. */
public enum ErrorKind {
    /** -1: WeChat is busy; worth a retry. */
    BUSY,
    /** 40029 (and 40163 on jscode2session): the code does not exist, expired or was used. Never retried. */
    INVALID_CODE,
    /** 40001, 40014, 42001, 41001: the token is not (or no longer) accepted; refetch it once. */
    TOKEN_REJECTED,
    /** Credentials, IP whitelist or permission problems of the app (40013, 40125, 40164, 48001...). */
    AUTH_FAILED,
    /** Frequency or quota limits (45009, 45011). */
    RATE_LIMITED,
    /** jscode2session 45011: this user logged in too often (WeChat: 100 a minute per user). */
    USER_RATE_LIMITED,
    /** jscode2session 40226: WeChat blocks this user's login as high-risk. */
    USER_BLOCKED,
    /** WeChat cannot serve this now for a reason that is not ours (85113 cloudbase token not ready). */
    UNAVAILABLE,
    /** Anything else, including codes we do not know. */
    UPSTREAM_ERROR
}
