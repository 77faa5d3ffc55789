package io.phonegateway.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts under {@code src/main/resources/lua/}, read once (they are resources of the native image too). */
public final class LuaScripts {

    static final String TOKEN_WRITE = read("token-write.lua");
    static final String TOKEN_INVALIDATE = read("token-invalidate.lua");
    /** Deletes a lock only while it still holds the caller's owner value. */
    public static final String LOCK_RELEASE = read("lock-release.lua");
    static final String FORCE_REFRESH_BUDGET = read("force-refresh-budget.lua");

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
