package io.phonegateway.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster: six {@code redis-server --cluster-enabled yes} processes, joined by
 * {@code redis-cli --cluster create ... --cluster-replicas 1} into 3 masters with one replica each, with the
 * gateway's ACL user ({@link GatewayAclUser}) on every node. A short
 * {@code cluster-node-timeout} (1 s) lets a test see a failover within seconds.
 */
public final class RedisClusterResource implements AutoCloseable {

    /** One node as {@code CLUSTER NODES} shows it. */
    public record Node(String id, int port, boolean master, String masterId) {
    }

    private final RedisProcesses redis = new RedisProcesses("cluster");
    private final List<Integer> ports = new ArrayList<>();

    public static RedisClusterResource start() {
        RedisClusterResource cluster = new RedisClusterResource();
        try {
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void create() {
        for (int i = 0; i < 6; i++) {
            int port = RedisProcesses.freePort();
            ports.add(port);
            List<String> args = redis.baseOptions(port);
            args.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "1000"));
            // the gateway connects as the least-privilege user; the default user stays for redis-cli and replication
            args.add("--user");
            args.addAll(GatewayAclUser.rule(GatewayAclUser.CLUSTER_COMMANDS));
            redis.start(port, args, redis::answersPing);
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        ports.forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        redis.cliRaw(create);
        RedisProcesses.await("cluster_state:ok on all six nodes with 3 masters and 3 replicas", Duration.ofSeconds(30),
                () -> ports.stream().allMatch(port -> redis.cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"))
                        && nodes().stream().filter(Node::master).count() == 3
                        && nodes().stream().filter(node -> !node.master()).count() == 3);
    }

    /**
     * {@code quarkus.redis.hosts}: every node, comma-separated (the client needs only one to find the rest), as
     * the {@link GatewayAclUser}.
     */
    public String hosts() {
        return ports.stream().map(port -> "redis://" + GatewayAclUser.USER + ":" + GatewayAclUser.PASSWORD + "@127.0.0.1:"
                + port).collect(Collectors.joining(","));
    }

    /** What the nodes' ACL logs recorded as denied: empty when the gateway's user had every command it needed. */
    public String aclLogs() {
        return ports.stream().map(port -> redis.cli(port, "ACL", "LOG")).filter(log -> !log.isBlank())
                .collect(Collectors.joining("\n"));
    }

    public int slotOf(String key) {
        return Integer.parseInt(redis.cli(alivePort(), "CLUSTER", "KEYSLOT", key));
    }

    /** The port of the master serving {@code slot}, as a live node sees the cluster now. */
    public int masterOfSlot(int slot) {
        String shards = redis.cli(alivePort(), "CLUSTER", "SLOTS");
        // redis-cli prints CLUSTER SLOTS flat: start, end, then per node ip, port, id (and the master comes first)
        String[] lines = shards.split("\n");
        for (int i = 0; i + 3 < lines.length; i++) {
            if (isNumber(lines[i]) && isNumber(lines[i + 1]) && lines[i + 2].equals("127.0.0.1")) {
                int start = Integer.parseInt(lines[i]);
                int end = Integer.parseInt(lines[i + 1]);
                if (slot >= start && slot <= end) {
                    return Integer.parseInt(lines[i + 3]);
                }
            }
        }
        throw new IllegalStateException("no master for slot " + slot + " in:\n" + shards);
    }

    /** The keys matching {@code pattern} held by the node on {@code port} (a master holds its slots' keys). */
    public List<String> keysOn(int port, String pattern) {
        String out = redis.cli(port, "--scan", "--pattern", pattern);
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }

    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (String line : redis.cli(alivePort(), "CLUSTER", "NODES").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 8 || f[2].contains("fail") || f[2].contains("handshake") || f[2].contains("noaddr")) {
                continue;
            }
            int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
            nodes.add(new Node(f[0], port, f[2].contains("master"), f[3]));
        }
        return nodes;
    }

    /** The replica of the master on {@code masterPort}. */
    public Node replicaOf(int masterPort) {
        List<Node> nodes = nodes();
        String masterId = nodes.stream().filter(n -> n.port() == masterPort).findFirst().orElseThrow().id();
        return nodes.stream().filter(n -> masterId.equals(n.masterId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the master on " + masterPort + " has no replica"));
    }

    /** True when the node on {@code port} now says it is a master. */
    public boolean isMaster(int port) {
        return redis.cli(port, "ROLE").startsWith("master");
    }

    public boolean alive(int port) {
        return ports.contains(port);
    }

    public void kill(int port) {
        redis.kill(port);
        ports.remove(Integer.valueOf(port));
    }

    private int alivePort() {
        Optional<Integer> alive = ports.stream().filter(redis::answersPing).findFirst();
        return alive.orElseThrow(() -> new IllegalStateException("no cluster node answers"));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    @Override
    public void close() {
        redis.close();
    }
}
