package io.phonegateway.config;

import java.util.Optional;

/**
 * One configured mini-program, as the rest of the gateway sees it.
 *
 * @param name the configuration name ({@code phone-gateway.apps.<name>})
 * @param appId WeChat appid
 * @param secret AppSecret, when the token mode needs one; never logged (see {@link #toString()})
 */
public record WechatApp(String name, String appId, Optional<String> secret) {

    @Override
    public String toString() {
        return "WechatApp[name=" + name + ", appId=" + appId + "]";
    }
}
