package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Optional;

/**
 * A lookup that ends in a problem of the contract. The {@code detail} is written by the gateway, never
 * copied from input or from WeChat's answer, so it cannot carry a code, token, secret or phone number.
 */
public class GatewayException extends RuntimeException {

    private final ProblemCode code;
    private final Integer errcode;
    private final String rid;
    private final Duration retryAfter;

    public GatewayException(ProblemCode code, String detail) {
        this(code, detail, null, null, null, null);
    }

    public GatewayException(ProblemCode code, String detail, Integer errcode, String rid, Duration retryAfter,
            Throwable cause) {
        super(detail, cause, false, false);
        this.code = code;
        this.errcode = errcode;
        this.rid = rid;
        this.retryAfter = retryAfter;
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
