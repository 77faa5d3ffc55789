package io.phonegateway.api;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.phonegateway.config.PhoneComponent;

/**
 * A valid {@code POST /phone} body. {@link #toString()} hides the code and openid: both identify a user.
 *
 * @param code the phone code from the mini-program's getPhoneNumber button
 * @param appId the appid of the mini-program that issued it, when given
 * @param openid the user's openid, when given; WeChat then checks the code belongs to that user
 * @param component the component that produced the code, when given (else the app's default): the ledger's price
 */
@Schema(name = "PhoneRequest", description = "At most 4 KiB of JSON; unknown fields are ignored, repeated keys refused")
public record PhoneRequest(
        @Schema(required = true, minLength = 1, maxLength = 128, pattern = "^[\\x21-\\x7E]{1,128}$", description = "The code from the mini-program's getPhoneNumber button") String code,
        @Schema(implementation = String.class, pattern = "^wx[0-9a-f]{16}$", description = "The mini-program that issued the code; optional with one app or a default app") Optional<String> appId,
        @Schema(implementation = String.class, description = "The user's openid; WeChat then checks that the code belongs to that user") Optional<String> openid,
        @Schema(implementation = String.class, enumeration = {
                "quick",
                "realtime" }, description = "The component that produced the code: quick (getPhoneNumber, 0.03 CNY) or realtime (getRealtimePhoneNumber, 0.04 CNY). WeChat's answer does not say; the gateway's ledger counts the number at this component's price. Default: the app's default-component") Optional<PhoneComponent> component){

    @Override
    public String toString() {
        return "PhoneRequest[appId=" + appId.orElse("-") + "]";
    }
}
