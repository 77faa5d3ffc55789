package io.phonegateway.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneOutput;
import io.phonegateway.lookup.PhoneResult;
import io.phonegateway.phone.Mask;
import io.phonegateway.phone.NormalizedPhone;

/**
 * Makes each caller's view of a number at answer time, from the one stored result: {@code full}, {@code masked}
 * ({@code 138****8000}, no {@code e164}) or {@code hashed} (no number; {@code phoneHash} = base64url of
 * HMAC-SHA256 under {@code phone-gateway.auth.phone-hash-pepper} over the E.164 number, the same for every app).
 */
@Singleton
class PhoneViews {

    private static final String HMAC = "HmacSHA256";

    private final Optional<SecretKeySpec> pepper;

    PhoneViews(GatewayConfig config) {
        this.pepper = config.auth().phoneHashPepper().filter(p -> !p.isBlank())
                .map(p -> new SecretKeySpec(p.getBytes(StandardCharsets.UTF_8), HMAC));
    }

    PhoneResponse view(PhoneResult result, PhoneOutput output) {
        NormalizedPhone p = result.phone();
        PhoneResponse.WatermarkBody watermark = new PhoneResponse.WatermarkBody(result.watermarkAppId(),
                result.watermarkTimestamp());
        return switch (output) {
            case FULL -> new PhoneResponse(p.phoneNumber(), p.purePhoneNumber(), p.countryCode(), p.e164(),
                    p.regionCode(), watermark, null);
            case MASKED -> new PhoneResponse(Mask.middle(p.phoneNumber()), Mask.middle(p.purePhoneNumber()),
                    p.countryCode(), null, p.regionCode(), watermark, null);
            case HASHED -> new PhoneResponse(null, null, p.countryCode(), null, p.regionCode(), watermark, hash(p));
        };
    }

    /** The E.164 form, or {@code +<countryCode><purePhoneNumber>} when libphonenumber could not parse the number. */
    private String hash(NormalizedPhone phone) {
        String e164 = phone.e164() != null ? phone.e164() : "+" + phone.countryCode() + phone.purePhoneNumber();
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(pepper.orElseThrow(() -> new IllegalStateException(
                    "phone-gateway.auth.phone-hash-pepper is not set (ConfigValidator refuses such a start)")));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
