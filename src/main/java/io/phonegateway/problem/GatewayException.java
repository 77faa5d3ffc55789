package io.phonegateway.problem;

import java.time.Duration;
import java.util.Optional;

/**
 * A request that ends in a problem of the contract. The {@code detail} is written by the gateway, never
 * copied from input or from WeChat's answer, so it cannot carry a code, token, secret or phone number.
 * Made with {@link #of}, then refined with {@link #retryAfter}, {@link #wechatAnswer} and {@link #because}.
 */
public final class GatewayException extends RuntimeException {

    /** How long a caller waits before trying again when nothing more precise is known. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final ProblemCode code;
    private final Integer errcode;
    private final String rid;
    private final Duration retryAfter;

    private GatewayException(ProblemCode code, String detail, Integer errcode, String rid, Duration retryAfter,
            Throwable cause) {
        super(detail, cause, false, false);
        this.code = code;
        this.errcode = errcode;
        this.rid = rid;
        this.retryAfter = retryAfter;
    }

    public static GatewayException of(ProblemCode code, String detail) {
        return new GatewayException(code, detail, null, null, null, null);
    }

    /** The same problem, telling the caller to come back after {@code after} ({@code Retry-After}). */
    public GatewayException retryAfter(Duration after) {
        return new GatewayException(code, getMessage(), errcode, rid, after, getCause());
    }

    /** The same problem, carrying WeChat's errcode and request id ({@code rid} may be null). */
    public GatewayException wechatAnswer(int wechatErrcode, String wechatRid) {
        return new GatewayException(code, getMessage(), wechatErrcode, wechatRid, retryAfter, getCause());
    }

    /** The same problem, with what caused it (for the logs of an internal error; never shown to callers). */
    public GatewayException because(Throwable cause) {
        return new GatewayException(code, getMessage(), errcode, rid, retryAfter, cause);
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** WeChat's errcode, when WeChat gave one. */
    public Optional<Integer> errcode() {
        return Optional.ofNullable(errcode);
    }

    /** WeChat's request id, parsed from its errmsg, for WeChat's rid lookup. */
    public Optional<String> rid() {
        return Optional.ofNullable(rid);
    }

    /** How long a caller should wait before trying again (sent as {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
