package io.phonegateway.api;

import io.phonegateway.lookup.PhoneResult;

/**
 * The 200 answer of {@code POST /phone} (CONTRACT §1). {@code regionCode} is null when the number maps to
 * no single region; it is sent as {@code null}, not left out.
 */
public record PhoneResponse(String phoneNumber, String purePhoneNumber, String countryCode, String e164,
        String regionCode, WatermarkBody watermark) {

    public record WatermarkBody(String appId, long timestamp) {
    }

    static PhoneResponse of(PhoneResult result) {
        var p = result.phone();
        return new PhoneResponse(p.phoneNumber(), p.purePhoneNumber(), p.countryCode(), p.e164(), p.regionCode(),
                new WatermarkBody(result.watermark().appId(), result.watermark().timestamp()));
    }

    @Override
    public String toString() {
        return "PhoneResponse[countryCode=" + countryCode + ", regionCode=" + regionCode + "]";
    }
}
