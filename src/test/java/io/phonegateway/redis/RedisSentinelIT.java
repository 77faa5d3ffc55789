package io.phonegateway.redis;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.RedisProcesses;
import io.phonegateway.testsupport.RedisSentinelResource;

/**
 * Two packaged replicas on a real Sentinel set (one master, one replica, three sentinels),
 * {@code client-type=sentinel} with the sentinels in {@code hosts}: the fleet's promises hold, and killing the
 * master under traffic costs no paid result.
 */
class RedisSentinelIT extends SharedRedisContract {

    private RedisSentinelResource sentinel;

    @Override
    Map<String, String> startRedis() {
        sentinel = RedisSentinelResource.start();
        return Map.of("quarkus.redis.client-type", "sentinel", "quarkus.redis.hosts", sentinel.hosts(),
                "quarkus.redis.master-name", RedisSentinelResource.MASTER_NAME);
    }

    @Override
    void stopRedis() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    @Override
    String topology() {
        return "sentinel";
    }

    @Override
    int masterOfAppKeys() {
        return sentinel.masterPort();
    }

    @Override
    Map<Integer, List<String>> keysByNode(String pattern) {
        Map<Integer, List<String>> keys = new LinkedHashMap<>();
        int master = sentinel.masterPort();
        keys.put(master, sentinel.keysOn(master, pattern));
        int replica = sentinel.replicaPort();
        if (replica != -1) {
            keys.put(replica, sentinel.keysOn(replica, pattern));
        }
        return keys;
    }

    @Override
    boolean replicaOf(int port, int master) {
        return port == sentinel.replicaPort() && port != master;
    }

    /**
     * A failover with the old master alive (maintenance, {@code SENTINEL FAILOVER}): it becomes a replica, and
     * connections still pointing at it would get READONLY. Both gateway replicas must store results on the new
     * master within the bound, without {@code auto-failover}: the client asks the sentinels for the master again
     * (its topology cache lives {@code topology-cache-ttl}, 1 s).
     */
    @Test
    @Order(4)
    void aFailoverWithTheOldMasterAliveIsFollowedByBothReplicas() throws Exception {
        int oldMaster = sentinel.masterPort();
        int oldReplica = sentinel.replicaPort();
        long start = System.nanoTime();
        sentinel.failover();
        RedisProcesses.await("the replica promoted by SENTINEL FAILOVER", Duration.ofSeconds(30),
                () -> sentinel.masterPort() == oldReplica && sentinel.isMaster(oldReplica));
        long promoted = System.nanoTime();
        for (GatewayProcess replica : fleet.both()) {
            RedisProcesses.await(replica.url() + " storing results on the new master", BACK_TO_200_WITHIN, () -> {
                String code = fleet.mint("13512345678");
                HttpResponse<String> answer = fleet.lookup(replica, code, Duration.ofSeconds(15));
                return answer.statusCode() == 200
                        && sentinel.keysOn(oldReplica, FailoverDrill.resultKey(code)).contains(FailoverDrill.resultKey(code));
            });
        }
        System.out.printf("[failover figures] sentinel, manual failover with the old master alive: promotion %d ms,"
                + " both replicas storing on the new master after %d ms%n",
                Duration.ofNanos(promoted - start).toMillis(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        // the sentinels turn the old master into a replica of the new one: the kill test after this one needs it
        RedisProcesses.await("the old master replicating the new one", Duration.ofSeconds(30),
                () -> !sentinel.isMaster(oldMaster) && sentinel.replicaPort() == oldMaster);
    }

    @Override
    BooleanSupplier killMasterOfAppKeys() {
        int master = sentinel.masterPort();
        int replica = sentinel.replicaPort();
        sentinel.kill(master);
        return () -> sentinel.masterPort() == replica && sentinel.isMaster(replica);
    }
}
