package io.phonegateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.RedisClusterResource;
import io.phonegateway.testsupport.Simulator;

/**
 * Two packaged replicas on a real 6-node Redis Cluster (3 masters, 3 replicas), {@code client-type=cluster} with
 * every node in {@code hosts}, connecting as the least-privilege ACL user: the fleet's promises hold, one app's keys share one
 * slot, and killing the master of
 * that slot under traffic costs no paid result.
 */
class RedisClusterIT extends SharedRedisContract {

    private static final String APP = "phone-gateway:{" + Simulator.DEMO_APP_ID + "}";

    private RedisClusterResource cluster;

    @Override
    Map<String, String> startRedis() {
        cluster = RedisClusterResource.start();
        return Map.of("quarkus.redis.client-type", "cluster", "quarkus.redis.hosts", cluster.hosts());
    }

    @Override
    void stopRedis() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String topology() {
        return "cluster";
    }

    @Override
    int masterOfAppKeys() {
        return cluster.masterOfSlot(cluster.slotOf(APP));
    }

    @Override
    Map<Integer, List<String>> keysByNode(String pattern) {
        Map<Integer, List<String>> keys = new LinkedHashMap<>();
        for (RedisClusterResource.Node node : cluster.nodes()) {
            if (cluster.alive(node.port())) { // a killed master stays listed until the cluster marks it failed
                keys.put(node.port(), cluster.keysOn(node.port(), pattern));
            }
        }
        return keys;
    }

    @Override
    boolean replicaOf(int port, int master) {
        return cluster.replicaOf(master).port() == port;
    }

    @Override
    BooleanSupplier killMasterOfAppKeys() {
        int master = masterOfAppKeys();
        int replica = cluster.replicaOf(master).port();
        cluster.kill(master);
        return () -> cluster.isMaster(replica);
    }

    @Test
    @Order(4)
    void theGatewaysAclUserWasDeniedNothing() {
        assertThat(cluster.aclLogs()).as("commands or keys the ACL user of docs/redis.md was denied").isEmpty();
    }

    @Test
    @Order(4)
    void everyKeyOfAnAppIsInTheSlotOfItsHashTag() {
        int slot = cluster.slotOf(APP);
        List<String> keys = List.of(APP + ":token:stable", APP + ":token:stable:lock",
                APP + ":token:stable:force-refresh:2026-12-01", APP + ":code:0a1b", APP + ":code:0a1b:lock",
                APP + ":token:classic");
        for (String key : keys) {
            assertThat(cluster.slotOf(key)).as("CLUSTER KEYSLOT " + key).isEqualTo(slot);
        }
    }
}
