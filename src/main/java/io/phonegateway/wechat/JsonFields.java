package io.phonegateway.wechat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient scalar reads for WeChat's JSON, which is loose about types: {@code countryCode} comes as
 * {@code "86"} or {@code 86}. A missing or null field is {@code null}; an object or array where a scalar
 * belongs is a {@link WechatProtocolException}.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** A string, or an integral number written as its digits. */
    static String text(WechatApiName api, int httpStatus, JsonNode parent, String name) {
        return text(api, httpStatus, parent.get(name));
    }

    static String text(WechatApiName api, int httpStatus, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        throw new WechatProtocolException(api, httpStatus, "a field has the wrong type");
    }

    /** An integral number, or a string of digits. */
    static Long number(WechatApiName api, int httpStatus, JsonNode parent, String name) {
        return number(api, httpStatus, parent.get(name));
    }

    static Long number(WechatApiName api, int httpStatus, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                // fall through: not a number
            }
        }
        throw new WechatProtocolException(api, httpStatus, "a numeric field is not a number");
    }
}
