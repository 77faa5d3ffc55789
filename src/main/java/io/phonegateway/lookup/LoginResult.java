package io.phonegateway.lookup;

import io.phonegateway.wechat.LoginSession;

/** A successful {@code /login}: the user, and their phone number when a phone code came along (else null). */
public record LoginResult(LoginSession session, PhoneResult phone) {

    @Override
    public String toString() {
        return "LoginResult[phone=" + (phone == null ? "none" : "present") + "]";
    }
}
