package io.phonegateway.phone;

import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Turns the three phone fields WeChat sends into the gateway's {@link NormalizedPhone} with libphonenumber. Stateless;
 * {@code new PhoneNormalizer()} works without Quarkus.
 * <ul>
 * <li>{@code countryCode}: digits only ({@code "+86"} and {@code 86} become {@code "86"}). When WeChat sent
 * none, it is read from a {@code "+..."} {@code phoneNumber}; a number without {@code "+"} is domestic,
 * i.e. {@code "86"} (WeChat: "海外号码一定包含+xx区号。不带区号的默认为国内号码").</li>
 * <li>{@code purePhoneNumber}: WeChat's, or else {@code phoneNumber} without {@code "+<countryCode>"}
 * (digits only).</li>
 * <li>{@code e164}, {@code regionCode}: from {@code "+" + countryCode + purePhoneNumber}. Both null when
 * that is not a parseable number (non-digits, unknown country code); {@code regionCode} is also null for
 * non-geographic numbers ({@code "001"}, e.g. +800) and numbers no region claims.</li>
 * </ul>
 * What WeChat sends almost always, a mainland mobile number ({@code "86"} and eleven digits from {@code 1}), is
 * answered without libphonenumber, whose parser was 4 % of a lookup's CPU (docs/performance.md): for every such number
 * it gives {@code "+86" + digits} and {@code "CN"}, which {@code PhoneNormalizerTest} checks against it.
 */
@Singleton
public class PhoneNormalizer {

    static final String DOMESTIC_COUNTRY_CODE = "86";
    private static final String MAINLAND_REGION = "CN";
    private static final int MAINLAND_MOBILE_DIGITS = 11;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    /** Any of the three may be null; {@code countryCode} as WeChat sent it ({@code "86"}, {@code "+86"}). */
    public NormalizedPhone normalize(String phoneNumber, String purePhoneNumber, String sentCountryCode) {
        if (DOMESTIC_COUNTRY_CODE.equals(sentCountryCode) && isMainlandMobile(purePhoneNumber)) {
            return new NormalizedPhone(phoneNumber, purePhoneNumber, DOMESTIC_COUNTRY_CODE,
                    "+" + DOMESTIC_COUNTRY_CODE + purePhoneNumber, MAINLAND_REGION);
        }
        return withLibphonenumber(phoneNumber, purePhoneNumber, sentCountryCode);
    }

    /** The general way, for any number; {@link #normalize} gives the same for the numbers it answers itself. */
    static NormalizedPhone withLibphonenumber(String phoneNumber, String purePhoneNumber, String sentCountryCode) {
        String countryCode = countryCode(sentCountryCode, phoneNumber);
        String pure = purePhoneNumber != null ? purePhoneNumber : pureOf(phoneNumber, countryCode);
        PhoneNumber parsed = parse(countryCode, pure);
        String e164 = parsed == null ? null : UTIL.format(parsed, PhoneNumberFormat.E164);
        return new NormalizedPhone(phoneNumber, pure, countryCode, e164, parsed == null ? null : region(parsed));
    }

    /** Eleven ASCII digits, the first {@code 1}: the form of every mainland mobile number. */
    static boolean isMainlandMobile(String digits) {
        if (digits == null || digits.length() != MAINLAND_MOBILE_DIGITS || digits.charAt(0) != '1') {
            return false;
        }
        for (int i = 1; i < MAINLAND_MOBILE_DIGITS; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String countryCode(String sent, String phoneNumber) {
        if (sent != null) {
            String digits = strip(sent);
            if (digits.startsWith("+")) {
                digits = digits.substring(1);
            }
            if (DIGITS.matcher(digits).matches()) {
                return digits;
            }
        }
        if (phoneNumber == null) {
            return null;
        }
        String number = strip(phoneNumber);
        if (!number.startsWith("+")) {
            return DOMESTIC_COUNTRY_CODE;
        }
        try {
            return String.valueOf(UTIL.parse(number, "ZZ").getCountryCode());
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String pureOf(String phoneNumber, String countryCode) {
        if (phoneNumber == null) {
            return null;
        }
        String number = strip(phoneNumber);
        if (!number.startsWith("+")) {
            return number;
        }
        String digits = number.substring(1);
        return countryCode != null && digits.startsWith(countryCode) ? digits.substring(countryCode.length()) : null;
    }

    private static PhoneNumber parse(String countryCode, String pure) {
        if (countryCode == null || pure == null) {
            return null;
        }
        String digits = strip(pure);
        if (!DIGITS.matcher(countryCode).matches() || !DIGITS.matcher(digits).matches()) {
            return null; // libphonenumber would read letters as a vanity number: "xxxxxx" is not 999999
        }
        try {
            return UTIL.parse("+" + countryCode + digits, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static String region(PhoneNumber number) {
        String region = UTIL.getRegionCodeForNumber(number);
        return region != null && ALPHA_2.matcher(region).matches() && !"ZZ".equals(region) ? region : null;
    }

    private static String strip(String value) {
        return SEPARATORS.matcher(value.trim()).replaceAll("");
    }
}
