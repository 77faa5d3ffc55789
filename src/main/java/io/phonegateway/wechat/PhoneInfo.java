package io.phonegateway.wechat;

/**
 * WeChat's {@code phone_info} (or the cloud call's {@code phoneInfo}), as parsed.
 *
 * @param countryCode always a string here, whether WeChat sent {@code "86"} or {@code 86}
 * @param watermark may be null when WeChat sent none
 */
public record PhoneInfo(String phoneNumber, String purePhoneNumber, String countryCode, Watermark watermark) {

    @Override
    public String toString() {
        return "PhoneInfo[countryCode=" + countryCode + ", watermark=" + watermark + "]";
    }
}
