package io.phonegateway.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lua scripts under {@code src/main/resources/lua/}, read once (they are resources of the native image too).
 * Every key a script touches is passed in {@code KEYS[]}, and the keys of one call share one hash tag, so one
 * call is one Redis Cluster slot ({@link RedisCommands#eval} checks it).
 */
public final class LuaScripts {

    public static final LuaScript TOKEN_WRITE = read("token-write.lua");
    public static final LuaScript TOKEN_INVALIDATE = read("token-invalidate.lua");
    /** Deletes a lock only while it still holds the caller's owner value. */
    public static final LuaScript LOCK_RELEASE = read("lock-release.lua");
    public static final LuaScript FORCE_REFRESH_BUDGET = read("force-refresh-budget.lua");
    /** A code's stored result, else its lock, in one round trip. */
    public static final LuaScript CODE_CLAIM = read("code-claim.lua");
    /** One GCRA step of a caller's rate limit, on Redis' clock. */
    public static final LuaScript RATE_LIMIT = read("rate-limit.lua");
    /** Stores a code's result and releases the caller's lock, in one round trip. */
    public static final LuaScript CODE_STORE = read("code-store.lua");
    /** Extends a code's lock for its owner while the lookup runs. */
    public static final LuaScript CODE_RENEW = read("code-renew.lua");
    /** A code's stored result, else whether another owner's lookup of it still runs. */
    public static final LuaScript CODE_PEEK = read("code-peek.lua");
    /** Adds one batch of ledger counts to a day's hash, once, however often the batch is sent. */
    public static final LuaScript LEDGER_ADD = read("ledger-add.lua");

    /** Every script, for tests that check them all. */
    public static final List<LuaScript> ALL = List.of(TOKEN_WRITE, TOKEN_INVALIDATE, LOCK_RELEASE,
            FORCE_REFRESH_BUDGET, CODE_CLAIM, RATE_LIMIT, CODE_STORE, CODE_RENEW, CODE_PEEK, LEDGER_ADD);

    private LuaScripts() {
    }

    private static LuaScript read(String name) {
        try (InputStream in = LuaScripts.class.getResourceAsStream("/lua/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource lua/" + name);
            }
            return LuaScript.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
