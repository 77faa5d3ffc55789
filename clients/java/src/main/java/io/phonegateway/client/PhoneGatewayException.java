package io.phonegateway.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to phone-gateway that did not answer a phone number. Each problem {@code code} of the contract has its own
 * subclass ({@link InvalidCodeException}, {@link UpstreamBusyException}, ...), so callers catch what they handle; every
 * one carries the problem's fields and says whether the same phone code may be sent again.
 */
public class PhoneGatewayException extends RuntimeException {

    private final ProblemDetails problem;
    private final boolean retryableWithSameCode;

    protected PhoneGatewayException(ProblemDetails problem, boolean retryableWithSameCode, Throwable cause) {
        super(message(problem), cause);
        this.problem = problem;
        this.retryableWithSameCode = retryableWithSameCode;
    }

    protected PhoneGatewayException(ProblemDetails problem, boolean retryableWithSameCode) {
        this(problem, retryableWithSameCode, null);
    }

    /** The HTTP status; 0 when no answer came ({@link GatewayUnreachableException}). */
    public int status() {
        return problem.status();
    }

    /** The stable problem code to branch on, e.g. {@code INVALID_CODE}; null when the answer carried none. */
    public String code() {
        return problem.code();
    }

    /** WeChat's errcode, when WeChat gave one. */
    public Optional<Integer> errcode() {
        return problem.errcodeIfAny();
    }

    /** WeChat's request id, when WeChat gave one: quote it to WeChat's rid lookup. */
    public Optional<String> rid() {
        return Optional.ofNullable(problem.rid());
    }

    /** The X-Request-Id of the call: quote it to find the call in the gateway's logs. */
    public String requestId() {
        return problem.requestId();
    }

    /**
     * True when sending the <em>same</em> phone code again is safe and may succeed: the gateway keeps a result WeChat
     * gave for the code, so a retry never costs a second paid exchange. False means a retry cannot help: fix the call,
     * or (for {@link InvalidCodeException} and {@link CodePossiblyConsumedException}) ask the user to tap again.
     */
    public boolean retryableWithSameCode() {
        return retryableWithSameCode;
    }

    /** How long to wait before that retry, when the gateway said ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return problem.retryAfterIfAny();
    }

    public ProblemDetails problem() {
        return problem;
    }

    private static String message(ProblemDetails p) {
        StringBuilder m = new StringBuilder();
        m.append(p.status() == 0 ? "no answer" : Integer.toString(p.status()));
        if (p.code() != null) {
            m.append(' ').append(p.code());
        }
        if (p.detail() != null) {
            m.append(": ").append(p.detail());
        } else if (p.title() != null) {
            m.append(": ").append(p.title());
        }
        if (p.errcode() != null) {
            m.append(" (errcode ").append(p.errcode()).append(p.rid() == null ? "" : ", rid " + p.rid()).append(')');
        }
        return m.append(" [requestId ").append(p.requestId()).append(']').toString();
    }
}
