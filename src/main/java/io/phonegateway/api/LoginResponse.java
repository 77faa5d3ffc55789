package io.phonegateway.api;

import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.phonegateway.lookup.LoginResult;
import io.phonegateway.lookup.PhoneResult;

/**
 * The 200 answer of {@code POST /login}: the user's ids and, when a phone code came along, the same phone object as
 * {@code POST /phone}. {@code unionid} and {@code phone} are sent as {@code null}, not left out. No session_key.
 */
public record LoginResponse(
        @Schema(description = "The user's openid within this mini-program") String openid,
        @Schema(nullable = true, description = "The user's unionid, or null when the app is bound to no Open Platform account") String unionid,
        @Schema(nullable = true, description = "As POST /phone answers; null when no phoneCode was sent") PhoneResponse phone) {

    /** {@code view}: the caller's view of the number ({@link PhoneViews}). */
    static LoginResponse of(LoginResult result, Function<PhoneResult, PhoneResponse> view) {
        return new LoginResponse(result.openid(), result.unionid(),
                result.phone() == null ? null : view.apply(result.phone()));
    }

    @Override
    public String toString() {
        return "LoginResponse[phone=" + phone + "]";
    }
}
