package io.phonegateway.lookup;

/**
 * A successful {@code /login}: the user ({@code unionid} null when the app is bound to no Open Platform account),
 * and their phone number when a phone code came along (else null). {@link #toString()} hides the ids.
 */
public record LoginResult(String openid, String unionid, PhoneResult phone) {

    @Override
    public String toString() {
        return "LoginResult[phone=" + (phone == null ? "none" : "present") + "]";
    }
}
