package io.phonegateway.lookup;

import java.util.Locale;

/** Why WeChat was asked again within one lookup: the {@code reason} label of {@code phone_gateway_retries_total}. */
public enum RetryReason {
    /** WeChat rejected the access token before looking at the code: once more with a new token. */
    TOKEN_REJECTED,
    /** WeChat answered busy (-1). */
    BUSY,
    /** The call never reached WeChat. */
    TRANSPORT,
    /** An attempt whose answer was lost (it may have reached WeChat) was repeated once. */
    LOST_ANSWER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
