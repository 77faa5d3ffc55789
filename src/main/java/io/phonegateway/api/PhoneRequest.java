package io.phonegateway.api;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A valid {@code POST /phone} body. {@link #toString()} hides the code and openid: both identify a user.
 *
 * @param code the phone code from the mini-program's getPhoneNumber button
 * @param appId the appid of the mini-program that issued it, when given
 * @param openid the user's openid, when given; WeChat then checks the code belongs to that user
 */
@Schema(name = "PhoneRequest", description = "At most 4 KiB of JSON; unknown fields are ignored, repeated keys refused")
public record PhoneRequest(
        @Schema(required = true, minLength = 1, maxLength = 128, pattern = "^[\\x21-\\x7E]{1,128}$", description = "The code from the mini-program's getPhoneNumber button") String code,
        @Schema(implementation = String.class, pattern = "^wx[0-9a-f]{16}$", description = "The mini-program that issued the code; optional with one app or a default app") Optional<String> appId,
        @Schema(implementation = String.class, description = "The user's openid; WeChat then checks that the code belongs to that user") Optional<String> openid) {

    @Override
    public String toString() {
        return "PhoneRequest[appId=" + appId.orElse("-") + "]";
    }
}
