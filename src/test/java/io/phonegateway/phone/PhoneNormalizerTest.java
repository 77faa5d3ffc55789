package io.phonegateway.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.phonegateway.wechat.Watermark;

class PhoneNormalizerTest {

    private static final Watermark WATERMARK = new Watermark("wx4f4bc4dec97d474b", 1637744274L);

    private final PhoneNormalizer normalizer = new PhoneNormalizer();

    private NormalizedPhone normalize(String phoneNumber, String pure, String countryCode) {
        return normalizer.normalize(phoneNumber, pure, countryCode);
    }

    @Test
    void chineseMobile() {
        assertThat(normalize("13800138000", "13800138000", "86"))
                .isEqualTo(new NormalizedPhone("13800138000", "13800138000", "86", "+8613800138000", "CN"));
    }

    /** The shortcut for mainland mobiles gives what libphonenumber gives, for every five-digit prefix from 10000. */
    @Test
    void mainlandMobilesAreAnsweredAsLibphonenumberAnswersThem() {
        Random random = new Random(16);
        for (int prefix = 10_000; prefix <= 19_999; prefix++) {
            for (int i = 0; i < 3; i++) {
                String digits = prefix + String.format("%06d", random.nextInt(1_000_000));
                assertThat(PhoneNormalizer.isMainlandMobile(digits)).as(digits).isTrue();
                assertThat(normalize(digits, digits, "86")).as(digits)
                        .isEqualTo(PhoneNormalizer.withLibphonenumber(digits, digits, "86"))
                        .isEqualTo(new NormalizedPhone(digits, digits, "86", "+86" + digits, "CN"));
            }
        }
    }

    @Test
    void onlyElevenDigitsFromOneTakeTheShortcut() {
        assertThat(PhoneNormalizer.isMainlandMobile("13800138000")).isTrue();
        assertThat(PhoneNormalizer.isMainlandMobile("1380013800")).isFalse();
        assertThat(PhoneNormalizer.isMainlandMobile("138001380001")).isFalse();
        assertThat(PhoneNormalizer.isMainlandMobile("23800138000")).isFalse();
        assertThat(PhoneNormalizer.isMainlandMobile("1380013800x")).isFalse();
        assertThat(PhoneNormalizer.isMainlandMobile("138 0013 800")).isFalse();
        assertThat(PhoneNormalizer.isMainlandMobile("1380013800\u0663")).isFalse(); // an Arabic-Indic digit
        assertThat(PhoneNormalizer.isMainlandMobile(null)).isFalse();
    }

    @Test
    void mainlandMobileInAnotherFormGoesTheGeneralWay() {
        assertThat(normalize("+8613800138000", "138-0013-8000", "+86"))
                .isEqualTo(new NormalizedPhone("+8613800138000", "138-0013-8000", "86", "+8613800138000", "CN"));
    }

    @Test
    void usNumber() {
        assertThat(normalize("+16502530000", "6502530000", "1"))
                .isEqualTo(new NormalizedPhone("+16502530000", "6502530000", "1", "+16502530000", "US"));
    }

    @Test
    void hongKongNumberKeepsWechatsPhoneNumber() {
        assertThat(normalize("+85261234567", "61234567", "852"))
                .isEqualTo(new NormalizedPhone("+85261234567", "61234567", "852", "+85261234567", "HK"));
    }

    @Test
    void purePhoneNumberIsDerivedWhenMissing() {
        assertThat(normalize("+85261234567", null, "852"))
                .isEqualTo(new NormalizedPhone("+85261234567", "61234567", "852", "+85261234567", "HK"));
        assertThat(normalize("+1 650-253-0000", null, "1").purePhoneNumber()).isEqualTo("6502530000");
        assertThat(normalize("13800138000", null, "86").purePhoneNumber()).isEqualTo("13800138000");
    }

    @Test
    void countryCodeWithPlusIsNormalised() {
        assertThat(normalize("13800138000", "13800138000", "+86"))
                .isEqualTo(new NormalizedPhone("13800138000", "13800138000", "86", "+8613800138000", "CN"));
    }

    @Test
    void countryCodeIsDerivedFromPrefixedNumberWhenMissing() {
        assertThat(normalize("+85261234567", null, null))
                .isEqualTo(new NormalizedPhone("+85261234567", "61234567", "852", "+85261234567", "HK"));
    }

    @Test
    void numberWithoutPrefixOrCountryCodeIsDomestic() {
        assertThat(normalize("13800138000", "13800138000", null).countryCode()).isEqualTo("86");
    }

    @Test
    void nonGeographicNumberHasNoRegion() {
        NormalizedPhone phone = normalize("+80012345678", "12345678", "800");

        assertThat(phone.e164()).isEqualTo("+80012345678");
        assertThat(phone.regionCode()).isNull();
    }

    @Test
    void unknownCountryCodeHasNeitherE164NorRegion() {
        NormalizedPhone phone = normalize("+99912345678", "12345678", "999");

        assertThat(phone.countryCode()).isEqualTo("999");
        assertThat(phone.e164()).isNull();
        assertThat(phone.regionCode()).isNull();
    }

    @Test
    void wechatsPlaceholderIsNotReadAsAVanityNumber() {
        NormalizedPhone phone = normalize("xxxxxx", "xxxxxx", "86");

        assertThat(phone.phoneNumber()).isEqualTo("xxxxxx");
        assertThat(phone.e164()).isNull();
        assertThat(phone.regionCode()).isNull();
    }

    @Test
    void toStringShowsOnlyTheLastFourDigits() {
        String text = normalize("+85261234567", "61234567", "852").toString();

        assertThat(text).doesNotContain("6123", "85261234567")
                .contains("phoneNumber=********4567", "purePhoneNumber=****4567", "e164=********4567",
                        "countryCode=852", "regionCode=HK");
    }
}
