package io.phonegateway.lookup;

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

import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.Errcodes;
import io.phonegateway.wechat.WechatApiName;
import io.phonegateway.wechat.WechatException;

/** A WeChat errcode to its kind (the catalogue) and to the contract's problem, rid included. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ErrcodeMappingBenchmark {

    private final WechatException invalidCode = new WechatException(WechatApiName.GET_USER_PHONE_NUMBER, 40029,
            "6405d3a1-1b2c3d4e-5f6a7b8c");
    private final WechatException busy = new WechatException(WechatApiName.GET_USER_PHONE_NUMBER, -1, null);
    private int errcode = 40029;

    @Benchmark
    public ErrorKind catalogue() {
        return Errcodes.kindOf(errcode);
    }

    @Benchmark
    public Object ridFromErrmsg() {
        return Errcodes.ridOf("invalid code hint: [xyz] rid: 6405d3a1-1b2c3d4e-5f6a7b8c");
    }

    @Benchmark
    public GatewayException invalidCodeToProblem() {
        return WechatFailures.toProblem(invalidCode);
    }

    @Benchmark
    public GatewayException busyToProblem() {
        return WechatFailures.toProblem(busy);
    }
}
