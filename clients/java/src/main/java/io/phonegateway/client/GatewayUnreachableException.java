package io.phonegateway.client;

/**
 * No answer came: the gateway could not be reached, or did not answer within the request timeout
 * ({@link PhoneGateway.Builder#requestTimeout(java.time.Duration)}). The same code may be sent again: if the gateway did
 * reach WeChat, it kept the result for that code. {@link #status()} is 0.
 */
public final class GatewayUnreachableException extends PhoneGatewayException {

    GatewayUnreachableException(String requestId, String what, Throwable cause) {
        super(new ProblemDetails(0, null, what, what, null, null, requestId, null), true, cause);
    }
}
