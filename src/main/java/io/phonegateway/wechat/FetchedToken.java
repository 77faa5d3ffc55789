package io.phonegateway.wechat;

import java.time.Duration;

/** An access token as WeChat handed it out; {@link #toString()} never shows the token. */
public record FetchedToken(String accessToken, Duration expiresIn) {

    @Override
    public String toString() {
        return "FetchedToken[expiresIn=" + expiresIn + "]";
    }
}
