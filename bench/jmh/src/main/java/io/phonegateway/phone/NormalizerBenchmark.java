package io.phonegateway.phone;

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

import io.phonegateway.wechat.PhoneInfo;
import io.phonegateway.wechat.Watermark;

/** WeChat's phone info to the contract's shape (E.164, region) with libphonenumber. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NormalizerBenchmark {

    private final PhoneNormalizer normalizer = new PhoneNormalizer();
    private final Watermark watermark = new Watermark("wx4f4bc4dec97d474b", 1637744274L);
    private final PhoneInfo domestic = new PhoneInfo("13800138000", "13800138000", "86", watermark);
    private final PhoneInfo hongKong = new PhoneInfo("+852 5123 4567", "51234567", "852", watermark);
    private final PhoneInfo withoutCountryCode = new PhoneInfo("+1 650-253-0000", null, null, watermark);

    @Benchmark
    public NormalizedPhone domesticNumber() {
        return normalizer.normalize(domestic);
    }

    @Benchmark
    public NormalizedPhone foreignNumber() {
        return normalizer.normalize(hongKong);
    }

    @Benchmark
    public NormalizedPhone countryCodeFromNumber() {
        return normalizer.normalize(withoutCountryCode);
    }
}
