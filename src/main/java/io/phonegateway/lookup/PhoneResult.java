package io.phonegateway.lookup;

import io.phonegateway.phone.NormalizedPhone;
import io.phonegateway.wechat.Watermark;

/** A successful lookup: the normalized number and WeChat's watermark. */
public record PhoneResult(NormalizedPhone phone, Watermark watermark) {
}
