package io.phonegateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Sentinel set: one master, one replica and three sentinels (quorum 2) watching them as
 * {@value #MASTER_NAME}. The sentinels call a master down after 1 s without an answer, so a failover is seen
 * within seconds.
 */
public final class RedisSentinelResource implements AutoCloseable {

    public static final String MASTER_NAME = "phone-gateway";

    private final RedisProcesses redis = new RedisProcesses("sentinel");
    private final List<Integer> dataPorts = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();

    public static RedisSentinelResource start() {
        RedisSentinelResource set = new RedisSentinelResource();
        try {
            set.create();
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private void create() {
        int master = RedisProcesses.freePort();
        redis.start(master, redis.baseOptions(master), redis::answersPing);
        int replica = RedisProcesses.freePort();
        List<String> replicaArgs = redis.baseOptions(replica);
        replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master)));
        redis.start(replica, replicaArgs, port -> redis.cli(port, "INFO", "replication").contains("master_link_status:up"));
        dataPorts.addAll(List.of(master, replica));
        for (int i = 0; i < 3; i++) {
            int port = RedisProcesses.freePort();
            String config = String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + redis.dir(),
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 10000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1",
                    "");
            try {
                // a sentinel rewrites its config file: one writable file each
                Files.writeString(redis.dir().resolve("sentinel-" + port + ".conf"), config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            redis.start(port, List.of("sentinel-" + port + ".conf", "--sentinel"), redis::answersPing);
            sentinelPorts.add(port);
        }
        RedisProcesses.await("three sentinels that know each other and the replica", Duration.ofSeconds(30),
                () -> sentinelPorts.stream().allMatch(port -> {
                    String master1 = redis.cli(port, "SENTINEL", "MASTER", MASTER_NAME);
                    return field(master1, "num-other-sentinels").equals("2") && field(master1, "num-slaves").equals("1")
                            && redis.cli(port, "SENTINEL", "CKQUORUM", MASTER_NAME).startsWith("OK");
                }));
    }

    /** {@code quarkus.redis.hosts}: the sentinels, comma-separated. */
    public String hosts() {
        return sentinelPorts.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The master's port as the sentinels name it now. */
    public int masterPort() {
        String addr = redis.cli(sentinelPorts.get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        return Integer.parseInt(addr.split("\n")[1].trim());
    }

    /** The data node that is not the master now; -1 when none is left (the old master was killed). */
    public int replicaPort() {
        int master = masterPort();
        return dataPorts.stream().filter(port -> port != master).findFirst().orElse(-1);
    }

    /** True when the server on {@code port} says it is a master. */
    public boolean isMaster(int port) {
        return redis.cli(port, "ROLE").startsWith("master");
    }

    public List<String> keysOn(int port, String pattern) {
        String out = redis.cli(port, "--scan", "--pattern", pattern);
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }

    /** {@code SENTINEL FAILOVER}: the replica is promoted while the master stays alive and becomes a replica. */
    public void failover() {
        redis.cli(sentinelPorts.get(0), "SENTINEL", "FAILOVER", MASTER_NAME);
    }

    public void kill(int port) {
        redis.kill(port);
        dataPorts.remove(Integer.valueOf(port));
    }

    /** A field of {@code SENTINEL MASTER}'s flat name/value output. */
    private static String field(String flat, String name) {
        String[] lines = flat.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].trim().equals(name)) {
                return lines[i + 1].trim();
            }
        }
        return "";
    }

    @Override
    public void close() {
        redis.close();
    }
}
