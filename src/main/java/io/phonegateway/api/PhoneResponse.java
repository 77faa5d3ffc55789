package io.phonegateway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.phonegateway.lookup.PhoneResult;

/**
 * The 200 answer of {@code POST /phone} (README "API"). {@code regionCode} is null when the number maps to
 * no single region; it is sent as {@code null}, not left out.
 */
public record PhoneResponse(
        @Schema(description = "As WeChat sent it; foreign numbers carry their +<country code> prefix") String phoneNumber,
        @Schema(description = "The number without country code") String purePhoneNumber,
        @Schema(description = "Always a string, whatever type WeChat sent") String countryCode,
        @Schema(description = "E.164 form, derived with libphonenumber") String e164,
        @Schema(nullable = true, description = "ISO 3166-1 alpha-2, or null when the number maps to no single region") String regionCode,
        WatermarkBody watermark) {

    public record WatermarkBody(String appId, long timestamp) {
    }

    static PhoneResponse of(PhoneResult result) {
        var p = result.phone();
        return new PhoneResponse(p.phoneNumber(), p.purePhoneNumber(), p.countryCode(), p.e164(), p.regionCode(),
                new WatermarkBody(result.watermarkAppId(), result.watermarkTimestamp()));
    }

    @Override
    public String toString() {
        return "PhoneResponse[countryCode=" + countryCode + ", regionCode=" + regionCode + "]";
    }
}
