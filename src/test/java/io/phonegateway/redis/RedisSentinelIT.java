package io.phonegateway.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

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

    @Override
    BooleanSupplier killMasterOfAppKeys() {
        int master = sentinel.masterPort();
        int replica = sentinel.replicaPort();
        sentinel.kill(master);
        return () -> sentinel.masterPort() == replica && sentinel.isMaster(replica);
    }
}
