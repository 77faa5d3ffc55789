package io.phonegateway.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** WeChat-shaped answer bodies: HTTP 200 with {@code errcode}/{@code errmsg}, messages ending in a {@code rid}. */
final class SimulatedAnswer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SimulatedAnswer() {
    }

    static Map<String, Object> error(int errcode, String errmsg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("errmsg", errmsg + " rid: " + rid());
        return body;
    }

    static Map<String, Object> token(String accessToken, long expiresInSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("expires_in", expiresInSeconds);
        return body;
    }

    /** A WeChat-like request id: three dash-separated groups of 8 hex digits. */
    static String rid() {
        HexFormat hex = HexFormat.of();
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String all = hex.formatHex(bytes);
        return all.substring(0, 8) + "-" + all.substring(8, 16) + "-" + all.substring(16, 24);
    }

    /** An opaque random value, URL-safe, for tokens and codes. */
    static String opaque(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
