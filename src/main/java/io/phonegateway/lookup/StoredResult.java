package io.phonegateway.lookup;

import io.phonegateway.phone.NormalizedPhone;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A successful result as it is stored (encrypted) for its code: what the caller got, plus the openid the
 * lookup was made with, so a later request naming another openid is not served from it.
 */
@RegisterForReflection
record StoredResult(String phoneNumber, String purePhoneNumber, String countryCode, String e164, String regionCode,
        String watermarkAppId, long watermarkTimestamp, String openid) {

    static StoredResult of(PhoneResult result, String openid) {
        NormalizedPhone p = result.phone();
        return new StoredResult(p.phoneNumber(), p.purePhoneNumber(), p.countryCode(), p.e164(), p.regionCode(),
                result.watermarkAppId(), result.watermarkTimestamp(), openid);
    }

    PhoneResult toResult() {
        return new PhoneResult(new NormalizedPhone(phoneNumber, purePhoneNumber, countryCode, e164, regionCode),
                watermarkAppId, watermarkTimestamp);
    }

    /** Whether a request naming {@code requested} (may be null) may get this result. */
    boolean servesOpenid(String requested) {
        return requested == null || requested.equals(openid);
    }

    @Override
    public String toString() {
        return "StoredResult[watermarkAppId=" + watermarkAppId + "]";
    }
}
