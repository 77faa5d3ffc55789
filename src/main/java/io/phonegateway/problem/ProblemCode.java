package io.phonegateway.problem;

import java.util.Locale;

/**
 * Every way a request to phone-gateway can fail (README "API"): the one place that owns
 * each problem's HTTP status, title and {@code type} URN. The metric outcome is {@link #outcome()}.
 */
public enum ProblemCode {
    INVALID_REQUEST(400, "Request is invalid"),
    UNKNOWN_APP(400, "App is not configured"),
    UNAUTHORIZED(401, "Missing or invalid API key"),
    HIGH_RISK_USER(403, "WeChat blocks this user's login as high-risk"),
    APP_NOT_IN_SCOPE(403, "This caller may not use this app"),
    ADMIN_SCOPE_REQUIRED(403, "This caller has no admin scope"),
    NOT_FOUND(404, "No such resource"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Only application/json can be produced"),
    REQUEST_TIMEOUT(408, "Request body did not arrive in time"),
    PAYLOAD_TOO_LARGE(413, "Request body is larger than 4 KiB"),
    UNSUPPORTED_MEDIA_TYPE(415, "Content-Type must be application/json"),
    INVALID_CODE(422, "Phone code is invalid, expired or already used"),
    INVALID_LOGIN_CODE(422, "Login code is invalid, expired or already used"),
    PHONE_CODE_NOT_OF_USER(422, "Phone code does not belong to the logged-in user"),
    RATE_LIMITED(429, "Too many requests from this caller"),
    LOGIN_RATE_LIMITED(429, "This user logged in more often than WeChat allows"),
    INTERNAL_ERROR(500, "Internal error"),
    NOT_IMPLEMENTED(501, "Transfer coding is not supported"),
    CODE_POSSIBLY_CONSUMED(502, "Phone code was probably spent by a lost attempt"),
    LOGIN_CODE_POSSIBLY_CONSUMED(502, "Login code was probably spent by a lost attempt"),
    UPSTREAM_AUTH_FAILED(502, "WeChat rejected the app's credentials or this host"),
    UPSTREAM_ERROR(502, "WeChat returned an unexpected answer"),
    UPSTREAM_BUSY(503, "WeChat is busy"),
    UPSTREAM_RATE_LIMITED(503, "WeChat frequency or quota limit reached"),
    UPSTREAM_UNAVAILABLE(503, "WeChat is unavailable"),
    UPSTREAM_TIMEOUT(504, "WeChat did not answer in time"),
    LEDGER_UNAVAILABLE(503, "The ledger cannot be read now");

    private static final String TYPE_PREFIX = "urn:phone-gateway:problem:";

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** {@code urn:phone-gateway:problem:invalid-code} for {@code INVALID_CODE}. */
    public String type() {
        return TYPE_PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code outcome} label of the lookup metrics: the code in lower case. */
    public String outcome() {
        return name().toLowerCase(Locale.ROOT);
    }
}
