package io.phonegateway.wechat;

/**
 * Reads WeChat's answer shapes a few times before the first lookup (issue 16): the parser's classes are loaded and
 * its first interpreted runs are over before readiness, not inside the first callers' deadlines. No call is made.
 */
public final class WechatWarmup {

    private static final String HTTPS_SHAPE = """
            {"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13800138000","purePhoneNumber":"13800138000",\
            "countryCode":"86","watermark":{"timestamp":1637744274,"appid":"wx4f4bc4dec97d474b"}}}""";
    private static final String CLOUD_SHAPE = """
            {"errCode":0,"errMsg":"openapi.phonenumber.getPhoneNumber:ok","phoneInfo":{"phoneNumber":"+85251234567",\
            "purePhoneNumber":"51234567","countryCode":852,"watermark":{"timestamp":1637744274,"appid":"wx4f4bc4dec97d474b"}}}""";
    private static final String ERRCODE = "{\"errcode\":40029,\"errmsg\":\"invalid code rid: 6440b1c0-1d1e4b1a-4d6a\"}";

    private WechatWarmup() {
    }

    /** Parses both phone answer shapes and an errcode answer {@code rounds} times. */
    public static void parseAnswers(int rounds) {
        for (int i = 0; i < rounds; i++) {
            WechatAnswers.phoneInfo(WechatApiName.GET_USER_PHONE_NUMBER, 200, HTTPS_SHAPE);
            WechatAnswers.phoneInfo(WechatApiName.GET_USER_PHONE_NUMBER, 200, CLOUD_SHAPE);
            WechatAnswers.errorIn(WechatApiName.GET_USER_PHONE_NUMBER, 200, ERRCODE);
        }
    }
}
