package io.phonegateway.wechat;

/** WeChat's data watermark: the appid that issued the code and when the user tapped (epoch seconds). */
public record Watermark(String appId, long timestamp) {
}
