package io.phonegateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What keeps every command Cluster-safe: scripts name their keys in KEYS[] and one call's keys share a hash
 * tag; nothing but {@link RedisCommands} talks to Redis, and nothing uses MULTI or pipelines.
 */
class RedisCommandRulesTest {

    @Test
    void theKeysOfOneScriptCallMustShareOneHashTag() {
        RedisCommands.requireOneSlot(LuaScripts.CODE_CLAIM,
                List.of("phone-gateway:{wx4f4bc4dec97d474b}:code:ab", "phone-gateway:{wx4f4bc4dec97d474b}:code:ab:lock"));
        assertThatThrownBy(() -> RedisCommands.requireOneSlot(LuaScripts.CODE_CLAIM,
                List.of("phone-gateway:{wx4f4bc4dec97d474b}:code:ab", "phone-gateway:{wx00000000000000b2}:code:ab:lock")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code-claim.lua");
        assertThatThrownBy(() -> RedisCommands.requireOneSlot(LuaScripts.LOCK_RELEASE, List.of("no-tag")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RedisCommands.hashTag("phone-gateway:rate:{orders}")).isEqualTo("orders");
        assertThat(RedisCommands.hashTag("a{}b")).isNull();
    }

    @Test
    void scriptsNameEveryKeyInKeysAndCarryTheirSha1() {
        for (LuaScript script : LuaScripts.ALL) {
            assertThat(script.sha1()).as(script.name()).matches("[0-9a-f]{40}");
            // a key written in the script would escape the slot check and break on a Cluster
            assertThat(script.source()).as(script.name()).doesNotContain("phone-gateway:");
            assertThat(script.source()).as(script.name()).contains("KEYS[1]");
        }
    }

    @Test
    void onlyRedisCommandsSendsCommandsAndNothingUsesTransactionsOrPipelines() throws IOException {
        Path main = Path.of("src", "main", "java", "io", "phonegateway");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                assertThat(source).as(file.toString()).doesNotContain("\"MULTI\"").doesNotContain(".batch(")
                        .doesNotContain("withTransaction").doesNotContain("\"EVAL\", LuaScripts");
                if (!file.endsWith(Path.of("redis", "RedisCommands.java"))) {
                    // the client reaches the others only through Instance<Redis>.get(), and only RedisCommands.send
                    // builds a request
                    assertThat(source).as(file + " sends Redis commands itself").doesNotContainPattern(
                            "\\.get\\(\\)\\.send\\(").doesNotContain("Request.cmd(").doesNotContain("Command.create(");
                }
            }
        }
    }
}
