package io.phonegateway.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.PhoneOutput;
import io.phonegateway.lookup.LookupWarmup;
import io.phonegateway.lookup.PhoneResult;
import io.phonegateway.phone.NormalizedPhone;
import io.phonegateway.phone.PhoneNormalizer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the pure steps of a lookup before the replica reports ready (issue 16): the request parser, the normalizer
 * (libphonenumber loads its metadata on first use), the answer's JSON writer, WeChat's answer parser, AES-GCM, the code
 * hash and the Lua scripts. Their classes are loaded and initialized and their first slow runs are over, so the first
 * callers after a start do not pay for them inside their deadline. Nothing here calls WeChat or Redis (redis/RedisWarmup
 * opens the Redis connection).
 */
@Singleton
class HotPathWarmup {

    /** Enough runs for class loading and the interpreter's first passes; the JIT gets the real traffic. */
    static final int ROUNDS = 50;

    private static final byte[] REQUEST = """
            {"code":"warm-up-code-0000000000000000","appId":"wx4f4bc4dec97d474b","openid":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M"}"""
            .getBytes(StandardCharsets.UTF_8);

    /** After the startup checks (ConfigValidator, default priority), which refuse an invalid configuration by name. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event, PhoneNormalizer normalizer,
            ObjectMapper json, PhoneViews views) {
        long started = System.nanoTime();
        try {
            for (int i = 0; i < ROUNDS; i++) {
                PhoneRequestParser.parse(REQUEST);
                NormalizedPhone domestic = normalizer.normalize("13800138000", "13800138000", "86");
                normalizer.normalize("+85251234567", "51234567", "852");
                PhoneResult result = new PhoneResult(domestic, "wx4f4bc4dec97d474b", 1_637_744_274L);
                json.writeValueAsBytes(views.view(result, PhoneOutput.FULL));
                json.writeValueAsBytes(views.view(result, PhoneOutput.MASKED));
            }
            int scripts = LookupWarmup.run(ROUNDS);
            Log.infof("Hot path warmed before readiness in %d ms (%d rounds; %d Lua scripts loaded)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), ROUNDS, scripts);
        } catch (JsonProcessingException | RuntimeException e) {
            // a warm-up is an optimization: the real path reports its own failures
            Log.warnf("The hot path's warm-up failed (%s); lookups warm up on their own", e.toString());
        }
    }
}
