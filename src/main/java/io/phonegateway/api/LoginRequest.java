package io.phonegateway.api;

import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.phonegateway.config.PhoneComponent;

/**
 * A valid {@code POST /login} body. {@link #toString()} hides both codes.
 *
 * @param loginCode the code of the mini-program's {@code wx.login}
 * @param phoneCode the code of its getPhoneNumber button, when the phone number is wanted too
 * @param appId the appid of the mini-program that issued them, when given
 * @param component the component that produced the phone code, when given
 */
@Schema(name = "LoginRequest", description = "At most 4 KiB of JSON; unknown fields are ignored, repeated keys refused")
public record LoginRequest(
        @Schema(required = true, minLength = 1, maxLength = 128, pattern = "^[\\x21-\\x7E]{1,128}$", description = "The code from the mini-program's wx.login") String loginCode,
        @Schema(implementation = String.class, minLength = 1, maxLength = 128, pattern = "^[\\x21-\\x7E]{1,128}$", description = "The code from the getPhoneNumber button; with it the answer carries the user's number") Optional<String> phoneCode,
        @Schema(implementation = String.class, pattern = "^wx[0-9a-f]{16}$", description = "The mini-program that issued the codes; optional with one app or a default app") Optional<String> appId,
        @Schema(implementation = String.class, enumeration = {
                "quick",
                "realtime" }, description = "As for POST /phone: the component that produced the phoneCode, for the ledger's price") Optional<PhoneComponent> component){

    /** Reads a body strictly, by the rules of {@link PhoneRequestParser}. */
    static LoginRequest parse(byte[] body) {
        var root = PhoneRequestParser.readObject(body, "loginCode");
        return new LoginRequest(PhoneRequestParser.requiredString(root, "loginCode", PhoneRequestParser.MAX_CODE_LENGTH),
                PhoneRequestParser.optionalString(root, "phoneCode", PhoneRequestParser.MAX_CODE_LENGTH),
                PhoneRequestParser.optionalString(root, "appId", PhoneRequestParser.MAX_ID_LENGTH),
                PhoneRequestParser.component(root));
    }

    @Override
    public String toString() {
        return "LoginRequest[appId=" + appId.orElse("-") + ", phoneCode=" + (phoneCode.isPresent() ? "present" : "none") + "]";
    }
}
