package io.phonegateway.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The 200 answer of {@code POST /phone} (README "API"), as the caller's scope lets it see the number
 * ({@link PhoneViews}): {@code full} sends {@code phoneNumber}, {@code purePhoneNumber} and {@code e164};
 * {@code masked} the first two masked and no {@code e164}; {@code hashed} none of them but {@code phoneHash}. A field
 * a view leaves out is absent, not null. {@code regionCode} is null when the number maps to no single region; it is
 * sent as {@code null}, not left out.
 */
public record PhoneResponse(
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "As WeChat sent it; foreign numbers carry their +<country code> prefix. Masked callers get 138****8000; absent for hashed callers") String phoneNumber,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The number without country code. Masked callers get 138****8000; absent for hashed callers") String purePhoneNumber,
        @Schema(required = true, description = "Always a string, whatever type WeChat sent") String countryCode,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "E.164 form, derived with libphonenumber; only for callers with full output") String e164,
        @Schema(required = true, nullable = true, description = "ISO 3166-1 alpha-2, or null when the number maps to no single region") String regionCode,
        @Schema(required = true) WatermarkBody watermark,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Only for callers with hashed output: base64url HMAC-SHA256 of the E.164 number under the gateway's pepper, the same for every app") String phoneHash) {

    public record WatermarkBody(@Schema(required = true) String appId, @Schema(required = true) long timestamp) {
    }

    @Override
    public String toString() {
        return "PhoneResponse[countryCode=" + countryCode + ", regionCode=" + regionCode + "]";
    }
}
