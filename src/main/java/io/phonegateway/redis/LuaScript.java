package io.phonegateway.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script with its SHA1, the name Redis caches it under: {@link RedisCommands#eval} sends
 * {@code EVALSHA sha1} and only on {@code NOSCRIPT} (a promoted replica, another cluster node, a restarted or
 * flushed server) the source with {@code EVAL}, which also caches it there.
 *
 * @param name the resource file, for messages
 * @param source the script
 * @param sha1 lower-case hex SHA1 of the source, as {@code SCRIPT LOAD} answers it
 */
public record LuaScript(String name, String source, String sha1) {

    static LuaScript of(String name, String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(name, source, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
