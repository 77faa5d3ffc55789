package io.phonegateway.wechat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Body of {@code getuserphonenumber}: {@code {"code":"..."}}, plus {@code "openid"} only when given. */
record PhoneNumberRequest(String code, String openid) {

    private static final byte[] CODE = "{\"code\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPENID = "\",\"openid\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\"}".getBytes(StandardCharsets.US_ASCII);

    /**
     * The body's JSON, written here rather than by the REST client's Jackson writer, which parses the API method's
     * parameter annotations again on every call, looking for a {@code @JsonView} (3.5 % of a lookup's CPU measured,
     * docs/performance.md).
     */
    byte[] json() {
        JsonStringEncoder strings = JsonStringEncoder.getInstance();
        ByteArrayOutputStream body = new ByteArrayOutputStream(64);
        body.writeBytes(CODE);
        body.writeBytes(strings.quoteAsUTF8(code));
        if (openid != null) {
            body.writeBytes(OPENID);
            body.writeBytes(strings.quoteAsUTF8(openid));
        }
        body.writeBytes(END);
        return body.toByteArray();
    }

    @Override
    public String toString() {
        return "PhoneNumberRequest[openid=" + (openid == null ? "absent" : "present") + "]";
    }
}
