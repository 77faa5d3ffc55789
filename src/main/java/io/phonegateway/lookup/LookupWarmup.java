package io.phonegateway.lookup;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.phonegateway.redis.LuaScripts;
import io.phonegateway.wechat.WechatWarmup;

/**
 * The pure steps of a lookup run a few times before readiness (issue 16): WeChat's answers parsed, a result sealed
 * and opened with AES-GCM under a throw-away key, a code hashed, the Lua scripts read and hashed. No Redis command
 * and no WeChat call.
 */
public final class LookupWarmup {

    private LookupWarmup() {
    }

    /** Runs each pure step {@code rounds} times; returns the number of scripts loaded. */
    public static int run(int rounds) {
        int scripts = LuaScripts.ALL.size();
        WechatWarmup.parseAnswers(rounds);
        ResultCipher cipher = ResultCipher.throwAway();
        byte[] plain = "{\"phoneNumber\":\"13800138000\",\"countryCode\":\"86\"}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < rounds; i++) {
            String hash = ResultCache.hash("wx4f4bc4dec97d474b", "warm-up-" + i);
            byte[] associated = hash.getBytes(StandardCharsets.UTF_8);
            Optional<byte[]> opened = cipher.decrypt(cipher.encrypt(plain, associated), associated);
            if (opened.isEmpty()) {
                throw new IllegalStateException("AES-GCM did not open what it sealed");
            }
        }
        return scripts;
    }
}
