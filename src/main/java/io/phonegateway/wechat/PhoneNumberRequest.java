package io.phonegateway.wechat;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code getuserphonenumber}: {@code {"code":"..."}}, plus {@code "openid"} only when given. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PhoneNumberRequest(String code, String openid) {

    @Override
    public String toString() {
        return "PhoneNumberRequest[openid=" + (openid == null ? "absent" : "present") + "]";
    }
}
