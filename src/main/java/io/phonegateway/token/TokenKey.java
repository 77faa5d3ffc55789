package io.phonegateway.token;

import io.phonegateway.config.TokenMode;

/** Identifies one token: the app and the mode that issued it, so switching modes never serves the other's token. */
public record TokenKey(String appId, TokenMode mode) {
}
