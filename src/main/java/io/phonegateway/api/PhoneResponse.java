package io.phonegateway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.phonegateway.lookup.PhoneResult;

/**
 * The 200 answer of {@code POST /phone} (CONTRACT §1). {@code regionCode} is null when the number maps to
 * no single region; it is sent as {@code null}, not left out. Every field is always sent, so the document marks
 * each required: generated clients rely on it, and the contract check sees a removal as the break it is.
 */
public record PhoneResponse(
        @Schema(required = true, description = "As WeChat sent it; foreign numbers carry their +<country code> prefix") String phoneNumber,
        @Schema(required = true, description = "The number without country code") String purePhoneNumber,
        @Schema(required = true, description = "Always a string, whatever type WeChat sent") String countryCode,
        @Schema(required = true, description = "E.164 form, derived with libphonenumber") String e164,
        @Schema(required = true, nullable = true, description = "ISO 3166-1 alpha-2, or null when the number maps to no single region") String regionCode,
        @Schema(required = true) WatermarkBody watermark) {

    public record WatermarkBody(@Schema(required = true) String appId, @Schema(required = true) long timestamp) {
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
