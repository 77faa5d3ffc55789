package io.phonegateway.client;

import java.time.Instant;
import java.util.Optional;

/**
 * The user's phone number, as {@code POST /phone} answers it.
 *
 * @param phoneNumber     as WeChat sent it; foreign numbers carry their {@code +<country code>} prefix
 * @param purePhoneNumber the number without country code
 * @param countryCode     the country calling code, always as a string ({@code "86"})
 * @param e164            E.164 form ({@code +8613800138000})
 * @param regionCode      ISO 3166-1 alpha-2 ({@code CN}), or null when the number belongs to no single region
 * @param watermarkAppId  the mini-program WeChat says the code came from
 * @param watermarkTime   when WeChat issued the answer
 * @param requestId       the call's X-Request-Id
 */
public record PhoneNumber(String phoneNumber, String purePhoneNumber, String countryCode, String e164, String regionCode,
        String watermarkAppId, Instant watermarkTime, String requestId) {

    public Optional<String> region() {
        return Optional.ofNullable(regionCode);
    }

    /** Never the whole number: a logged result must not leak it. */
    @Override
    public String toString() {
        String tail = e164 == null || e164.length() < 4 ? "" : e164.substring(e164.length() - 4);
        return "PhoneNumber[e164=***" + tail + ", regionCode=" + regionCode + ", requestId=" + requestId + "]";
    }
}
