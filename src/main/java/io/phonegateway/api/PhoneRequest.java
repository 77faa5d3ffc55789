package io.phonegateway.api;

import java.util.Optional;

/**
 * A valid {@code POST /phone} body. {@link #toString()} hides the code and openid: both identify a user.
 *
 * @param code   the phone code from the mini-program's getPhoneNumber button
 * @param appId  the appid of the mini-program that issued it, when given
 * @param openid the user's openid, when given; WeChat then checks the code belongs to that user
 */
public record PhoneRequest(String code, Optional<String> appId, Optional<String> openid) {

    @Override
    public String toString() {
        return "PhoneRequest[appId=" + appId.orElse("-") + "]";
    }
}
