package io.phonegateway.phone;

/**
 * A phone number as the gateway answers it (README "API").
 *
 * @param phoneNumber as WeChat sent it; foreign numbers carry their prefix ({@code "+85261234567"})
 * @param purePhoneNumber without country code; derived from {@code phoneNumber} when WeChat sent none
 * @param countryCode digits only ({@code "86"}), whatever type and form WeChat used
 * @param e164 {@code "+8613800138000"}, or null when libphonenumber cannot parse the number
 * @param regionCode ISO 3166-1 alpha-2, or null when the number maps to no single region
 */
public record NormalizedPhone(String phoneNumber, String purePhoneNumber, String countryCode, String e164,
        String regionCode) {

    /** Shows only the last four digits of each number. */
    @Override
    public String toString() {
        return "NormalizedPhone[phoneNumber=" + Mask.phone(phoneNumber)
                + ", purePhoneNumber=" + Mask.phone(purePhoneNumber)
                + ", countryCode=" + countryCode
                + ", e164=" + Mask.phone(e164)
                + ", regionCode=" + regionCode + "]";
    }
}
