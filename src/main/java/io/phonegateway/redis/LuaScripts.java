package io.phonegateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts under {@code src/main/resources/lua/}, read once (they are resources of the native image too). */
public final class LuaScripts {

    public static final String TOKEN_WRITE = read("token-write.lua");
    public static final String TOKEN_INVALIDATE = read("token-invalidate.lua");
    /** Deletes a lock only while it still holds the caller's owner value. */
    public static final String LOCK_RELEASE = read("lock-release.lua");
    public static final String FORCE_REFRESH_BUDGET = read("force-refresh-budget.lua");
    /** A code's stored result, else its lock, in one round trip. */
    public static final String CODE_CLAIM = read("code-claim.lua");
    /** One GCRA step of a caller's rate limit, on Redis' clock. */
    public static final String RATE_LIMIT = read("rate-limit.lua");
    /** Stores a code's result and releases the caller's lock, in one round trip. */
    public static final String CODE_STORE = read("code-store.lua");

    private LuaScripts() {
    }

    private static String read(String name) {
        try (InputStream in = LuaScripts.class.getResourceAsStream("/lua/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource lua/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
