package io.phonegateway.client;

import java.time.Duration;
import java.util.Optional;

/**
 * What the gateway said about a failed call: its RFC 9457 problem, plus the {@code Retry-After} header.
 *
 * @param status     the HTTP status; 0 when no answer came at all
 * @param code       the stable problem code ({@code INVALID_CODE}, ...); null when the answer was no problem of the gateway
 * @param title      the problem's fixed summary
 * @param detail     what went wrong this time (never the phone code, a token, a secret or a phone number)
 * @param errcode    WeChat's errcode, when WeChat gave one
 * @param rid        WeChat's request id, for WeChat's rid lookup, when WeChat gave one
 * @param requestId  the request's X-Request-Id, to find the call in the gateway's logs
 * @param retryAfter the answer's Retry-After, when it had one
 */
public record ProblemDetails(int status, String code, String title, String detail, Integer errcode, String rid, String requestId,
        Duration retryAfter) {

    public Optional<Integer> errcodeIfAny() {
        return Optional.ofNullable(errcode);
    }

    public Optional<Duration> retryAfterIfAny() {
        return Optional.ofNullable(retryAfter);
    }
}
