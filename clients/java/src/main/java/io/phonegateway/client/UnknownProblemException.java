package io.phonegateway.client;

/**
 * An answer this client has no type for: a problem code newer than the client (the gateway may add codes), or an
 * answer that is no problem of the gateway at all (e.g. a proxy's 502 page). Whether the same code may be sent again
 * follows the status, as the contract's retry rule says: after 408, 429, 503 or 504 it may.
 */
public final class UnknownProblemException extends PhoneGatewayException {

    UnknownProblemException(ProblemDetails problem) {
        super(problem, retryableStatus(problem.status()));
    }

    static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status == 503 || status == 504;
    }
}
