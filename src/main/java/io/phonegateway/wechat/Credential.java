package io.phonegateway.wechat;

/**
 * What authenticates a phone lookup at WeChat: an {@code access_token}, a {@code cloudbase_access_token},
 * or nothing at all (Cloud Hosting's open-interface service adds it). {@link #toString()} hides the value.
 */
public record Credential(Kind kind, String value) {

    public enum Kind {
        ACCESS_TOKEN,
        CLOUDBASE_ACCESS_TOKEN,
        NONE
    }

    public static Credential accessToken(String token) {
        return new Credential(Kind.ACCESS_TOKEN, token);
    }

    public static Credential cloudbaseAccessToken(String token) {
        return new Credential(Kind.CLOUDBASE_ACCESS_TOKEN, token);
    }

    public static Credential none() {
        return new Credential(Kind.NONE, null);
    }

    @Override
    public String toString() {
        return "Credential[" + kind + "]";
    }
}
