package io.phonegateway.lookup;

import io.phonegateway.wechat.LoginSession;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A login code's session as it is stored (encrypted): the user's ids, never a session_key (there is none to keep). */
@RegisterForReflection
record StoredSession(String openid, String unionid) {

    static StoredSession of(LoginSession session) {
        return new StoredSession(session.openid(), session.unionid());
    }

    LoginSession toSession() {
        return openid == null || openid.isBlank() ? null : new LoginSession(openid, unionid);
    }

    @Override
    public String toString() {
        return "StoredSession[]";
    }
}
