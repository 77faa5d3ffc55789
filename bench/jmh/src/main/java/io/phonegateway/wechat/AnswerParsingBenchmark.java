package io.phonegateway.wechat;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reading WeChat's phone answer from its raw body, in both shapes, and an errcode answer. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnswerParsingBenchmark {

    private final String https = "{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"13800138000\","
            + "\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\","
            + "\"watermark\":{\"timestamp\":1637744274,\"appid\":\"wx4f4bc4dec97d474b\"}}}";
    private final String cloud = "{\"errCode\":0,\"errMsg\":\"openapi.phonenumber.getPhoneNumber:ok\",\"phoneInfo\":"
            + "{\"phoneNumber\":\"13800138000\",\"purePhoneNumber\":\"13800138000\",\"countryCode\":86,"
            + "\"watermark\":{\"timestamp\":1637744274,\"appid\":\"wx4f4bc4dec97d474b\"}}}";
    private final String invalidCode = "{\"errcode\":40029,\"errmsg\":\"invalid code rid: 6405d3a1-1b2c3d4e-5f6a7b8c\"}";

    @Benchmark
    public PhoneInfo httpsShape() {
        return WechatAnswers.phoneInfo(WechatApiName.GET_USER_PHONE_NUMBER, 200, https);
    }

    @Benchmark
    public PhoneInfo cloudCallShape() {
        return WechatAnswers.phoneInfo(WechatApiName.GET_USER_PHONE_NUMBER, 200, cloud);
    }

    @Benchmark
    public Object errcodeAnswer() {
        try {
            return WechatAnswers.phoneInfo(WechatApiName.GET_USER_PHONE_NUMBER, 200, invalidCode);
        } catch (WechatException e) {
            return e;
        }
    }
}
