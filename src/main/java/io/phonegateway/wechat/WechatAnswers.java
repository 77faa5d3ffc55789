package io.phonegateway.wechat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads WeChat's answers from their raw bodies: the HTTPS shape ({@code errcode}, {@code errmsg},
 * {@code phone_info}) and the cloud-call shape ({@code errCode}, {@code errMsg}, {@code phoneInfo}).
 * A missing errcode means 0; unknown fields are ignored. Failures are {@link WechatException} (non-zero
 * errcode) or {@link WechatProtocolException} (anything unusable); neither message contains the body.
 */
final class WechatAnswers {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WechatAnswers() {
    }

    /** The phone info of a {@code getuserphonenumber} answer (or a cloud call's result). */
    static PhoneInfo phoneInfo(WechatApiName api, int httpStatus, String body) {
        JsonNode root = object(api, httpStatus, body);
        failOnErrcode(api, httpStatus, root);
        JsonNode info = field(root, "phone_info", "phoneInfo");
        if (info == null || !info.isObject()) {
            throw new WechatProtocolException(api, httpStatus, "errcode 0 without phone info");
        }
        String phoneNumber = nonBlank(JsonFields.text(api, httpStatus, info, "phoneNumber"));
        String purePhoneNumber = nonBlank(JsonFields.text(api, httpStatus, info, "purePhoneNumber"));
        if (phoneNumber == null && purePhoneNumber == null) {
            throw new WechatProtocolException(api, httpStatus, "phone info without phone number");
        }
        String countryCode = nonBlank(JsonFields.text(api, httpStatus, info, "countryCode"));
        return new PhoneInfo(phoneNumber, purePhoneNumber, countryCode, watermark(api, httpStatus, info));
    }

    /**
     * The user of a {@code jscode2session} answer. The answer also carries the {@code session_key}; it is removed
     * from the parsed tree before anything else is read, never copied into a field, exception or log.
     */
    static LoginSession session(WechatApiName api, int httpStatus, String body) {
        JsonNode root = object(api, httpStatus, body);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove(List.of("session_key", "sessionKey"));
        failOnErrcode(api, httpStatus, root);
        String openid = nonBlank(JsonFields.text(api, httpStatus, root, "openid"));
        if (openid == null) {
            throw new WechatProtocolException(api, httpStatus, "session answer without openid");
        }
        return new LoginSession(openid, nonBlank(JsonFields.text(api, httpStatus, root, "unionid")));
    }

    /** The token of a {@code stable_token} or {@code token} answer. */
    static FetchedToken token(WechatApiName api, int httpStatus, String body) {
        JsonNode root = object(api, httpStatus, body);
        failOnErrcode(api, httpStatus, root);
        String token = nonBlank(JsonFields.text(api, httpStatus, root, "access_token"));
        Long expiresIn = JsonFields.number(api, httpStatus, root, "expires_in");
        if (token == null || expiresIn == null || expiresIn <= 0) {
            throw new WechatProtocolException(api, httpStatus, "token answer without access_token or expires_in");
        }
        return new FetchedToken(token, Duration.ofSeconds(expiresIn));
    }

    /**
     * The usage of a {@code /wxa/charge/usage/get} answer: {@code all} (quota bought and in force) and
     * {@code effectiveUse} (used), both 64-bit numbers that WeChat sends as strings.
     */
    static ChargeUsage chargeUsage(WechatApiName api, int httpStatus, String body) {
        JsonNode root = object(api, httpStatus, body);
        failOnErrcode(api, httpStatus, root);
        Long all = longOf(root.get("all"));
        Long used = longOf(root.get("effectiveUse"));
        if (all == null || used == null || all < 0 || used < 0) {
            throw new WechatProtocolException(api, httpStatus, "usage answer without all or effectiveUse");
        }
        return new ChargeUsage(all, used, lastEndOfPacksInForce(root.get("detailList")));
    }

    /** The latest {@code endTime} (epoch seconds) of the packs with {@code status} 1 (in force); empty without one. */
    private static Optional<Instant> lastEndOfPacksInForce(JsonNode details) {
        if (details == null || !details.isArray()) {
            return Optional.empty();
        }
        Long latest = null;
        for (JsonNode pack : details) {
            Long status = longOf(pack.get("status"));
            Long end = longOf(pack.get("endTime"));
            if (status != null && status == 1 && end != null && end > 0 && (latest == null || end > latest)) {
                latest = end;
            }
        }
        return Optional.ofNullable(latest).map(Instant::ofEpochSecond);
    }

    private static Long longOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return node.isTextual() ? Long.valueOf(node.asText().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The WeChat error in a body that came with an HTTP error status, if it is a WeChat answer with a
     * non-zero errcode; empty for anything else (HTML error pages, empty bodies, errcode 0).
     */
    static Optional<WechatException> errorIn(WechatApiName api, int httpStatus, String body) {
        try {
            failOnErrcode(api, httpStatus, object(api, httpStatus, body));
            return Optional.empty();
        } catch (WechatException e) {
            return Optional.of(e);
        } catch (WechatProtocolException e) {
            return Optional.empty();
        }
    }

    private static void failOnErrcode(WechatApiName api, int httpStatus, JsonNode root) {
        JsonNode errcodeNode = field(root, "errcode", "errCode");
        Long errcode = errcodeNode == null ? null : JsonFields.number(api, httpStatus, errcodeNode);
        if (errcode != null && errcode != 0) {
            if (errcode < Integer.MIN_VALUE || errcode > Integer.MAX_VALUE) {
                throw new WechatProtocolException(api, httpStatus, "errcode out of range");
            }
            JsonNode errmsg = field(root, "errmsg", "errMsg");
            String rid = errmsg != null && errmsg.isTextual() ? Errcodes.ridOf(errmsg.asText()).orElse(null) : null;
            throw new WechatException(api, errcode.intValue(), rid);
        }
    }

    private static Watermark watermark(WechatApiName api, int httpStatus, JsonNode info) {
        JsonNode watermark = info.get("watermark");
        if (watermark == null || watermark.isNull()) {
            return null;
        }
        if (!watermark.isObject()) {
            throw new WechatProtocolException(api, httpStatus, "watermark is not an object");
        }
        JsonNode appIdNode = field(watermark, "appid", "appId");
        String appId = appIdNode == null ? null : JsonFields.text(api, httpStatus, appIdNode);
        Long timestamp = JsonFields.number(api, httpStatus, watermark, "timestamp");
        return new Watermark(appId, timestamp == null ? 0 : timestamp);
    }

    private static JsonNode object(WechatApiName api, int httpStatus, String body) {
        if (body == null || body.isBlank()) {
            throw new WechatProtocolException(api, httpStatus, "empty answer");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // e's message quotes the body: dropped on purpose
            throw new WechatProtocolException(api, httpStatus, "answer is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new WechatProtocolException(api, httpStatus, "answer is not a JSON object");
        }
        return root;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The first of the two spellings present and not JSON null. */
    private static JsonNode field(JsonNode node, String snakeName, String camelName) {
        JsonNode value = node.get(snakeName);
        if (value == null || value.isNull()) {
            value = node.get(camelName);
        }
        return value == null || value.isNull() ? null : value;
    }
}
