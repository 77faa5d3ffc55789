package io.phonegateway.lookup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
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

/** AES-256-GCM of a stored result (its JSON, about 250 bytes) under the key's associated data, and the key's hash. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ResultCipherBenchmark {

    private final ResultCipher cipher = ResultCipher.of(Optional.of(Base64.getEncoder().encodeToString(new byte[32])));
    private final byte[] plain = ("{\"phoneNumber\":\"13800138000\",\"purePhoneNumber\":\"13800138000\",\"countryCode\":\"86\","
            + "\"e164\":\"+8613800138000\",\"regionCode\":\"CN\",\"watermarkAppId\":\"wx4f4bc4dec97d474b\","
            + "\"watermarkTimestamp\":1637744274,\"openid\":null}").getBytes(StandardCharsets.UTF_8);
    private final String hash = ResultCache.hash("wx4f4bc4dec97d474b", "bench-1");
    private final byte[] aad = ("wx4f4bc4dec97d474b:" + hash).getBytes(StandardCharsets.UTF_8);
    private final byte[] sealed = cipher.encrypt(plain, aad);

    @Benchmark
    public byte[] encrypt() {
        return cipher.encrypt(plain, aad);
    }

    @Benchmark
    public Optional<byte[]> decrypt() {
        return cipher.decrypt(sealed, aad);
    }

    @Benchmark
    public String codeHash() {
        return ResultCache.hash("wx4f4bc4dec97d474b", "bench-1");
    }
}
