package io.phonegateway.lookup;

import io.phonegateway.phone.NormalizedPhone;

/**
 * A successful lookup: the normalized number and WeChat's watermark (the appid that issued the code, and when the
 * user tapped, in epoch seconds).
 */
public record PhoneResult(NormalizedPhone phone, String watermarkAppId, long watermarkTimestamp) {
}
