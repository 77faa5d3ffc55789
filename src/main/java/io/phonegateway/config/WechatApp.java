package io.phonegateway.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configured mini-program, as the rest of the gateway sees it.
 *
 * @param name the configuration name ({@code phone-gateway.apps.<name>})
 * @param appId WeChat appid
 * @param secret AppSecret, when the token mode needs one; never logged (see {@link #toString()})
 */
public record WechatApp(String name, String appId, Optional<String> secret) {

    private static final Pattern APP_ID = Pattern.compile("wx[0-9a-f]{16}");

    /** Whether {@code value} has the form of a WeChat appid: {@code wx} and 16 lowercase hex digits. */
    public static boolean isAppId(String value) {
        return value != null && APP_ID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return "WechatApp[name=" + name + ", appId=" + appId + "]";
    }
}
