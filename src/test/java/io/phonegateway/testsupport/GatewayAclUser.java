package io.phonegateway.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The least-privilege Redis ACL user docs/redis.md gives operators: the keys {@code phone-gateway:*}, no channels,
 * and only the commands the gateway sends or calls from its Lua scripts (ACL checks those too). Test servers
 * create it, so a command the gateway starts using without the docs naming it fails a test.
 */
public final class GatewayAclUser {

    public static final String USER = "phone-gateway";
    /** Not a secret: made up for test servers. */
    public static final String PASSWORD = "acl-test-only-password";
    public static final List<String> COMMANDS = List.of("ping", "hello", "auth", "get", "set", "del", "hget", "hset",
            "hmget", "hgetall", "hincrby", "pexpire", "expire", "time", "eval", "evalsha");
    /** What Redis Cluster adds: the slot map the client reads. */
    public static final List<String> CLUSTER_COMMANDS = List.of("cluster|slots");

    private GatewayAclUser() {
    }

    /** The rule words after {@code user}, as in a config file line; {@code extra} commands added. */
    public static List<String> rule(List<String> extra) {
        List<String> words = new ArrayList<>(List.of(USER, "on", ">" + PASSWORD, "resetkeys", "~phone-gateway:*",
                "resetchannels", "-@all"));
        COMMANDS.forEach(c -> words.add("+" + c));
        extra.forEach(c -> words.add("+" + c));
        return words;
    }
}
