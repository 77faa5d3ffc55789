package io.phonegateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.phonegateway.testsupport.GatewayProcess;
import io.phonegateway.testsupport.Simulator;

/**
 * What a fleet of two packaged replicas must do on any Redis topology users run (one subclass per topology, one
 * set of Redis processes each, shared by its tests): one token fetch for the fleet, one WeChat call per code
 * whichever replica is asked, one rate count, one node for one app's keys, and a master killed under traffic
 * costs no paid result and ends within a bound. The kill comes last: the tests before it see a healthy topology.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SharedRedisContract {

    /**
     * The longest a failover may keep lookups from being 200, counted from the kill. Measured on a 2-core machine
     * shared with other builds: ~2-3 s to promotion (1 s node timeout / down-after), lookups 200 throughout or
     * again right after it (docs/redis.md). The bound leaves room for a busy CI machine.
     */
    static final Duration BACK_TO_200_WITHIN = Duration.ofSeconds(20);

    TwoReplicas fleet;

    /** Starts the topology; returns the gateway's Redis properties for it. */
    abstract Map<String, String> startRedis();

    abstract void stopRedis();

    abstract String topology();

    /** The port of the master holding the demo app's keys now. */
    abstract int masterOfAppKeys();

    /** Keys matching {@code pattern} on every data node now (port to keys). */
    abstract Map<Integer, List<String>> keysByNode(String pattern);

    /** Kills the master of the app's keys; returns a check that holds once a replica took over. */
    abstract java.util.function.BooleanSupplier killMasterOfAppKeys();

    @BeforeAll
    void startFleet() {
        Map<String, String> redis = startRedis();
        try {
            fleet = TwoReplicas.start(topology(), redis);
        } catch (RuntimeException e) {
            stopRedis();
            throw e;
        }
        fleet.resetSimulator();
    }

    @AfterAll
    void stopFleet() {
        try {
            if (fleet != null) {
                fleet.close();
            }
        } finally {
            stopRedis();
        }
    }

    @Test
    @Order(1)
    void firstLookupsOnBothReplicasMakeOneTokenFetch() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(fleet.mint(String.format("139%08d", i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                GatewayProcess replica = fleet.both().get(i % 2);
                String code = codes.get(i);
                answers.add(pool.submit(() -> fleet.lookup(replica, code, Duration.ofSeconds(60))));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fleet.stat("calls.stable_token")).as("token fetches of the fleet").isEqualTo(1);
    }

    @Test
    @Order(2)
    void theSameCodeOnTheOtherReplicaIsOneWechatCall() {
        String code = fleet.mint("13912345678");
        long before = fleet.stat("calls.getuserphonenumber");
        HttpResponse<String> first = fleet.lookup(fleet.first, code, Duration.ofSeconds(15));
        HttpResponse<String> second = fleet.lookup(fleet.second, code, Duration.ofSeconds(15));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(fleet.stat("calls.getuserphonenumber") - before).as("WeChat calls for one code").isEqualTo(1);
    }

    @Test
    @Order(3)
    void theRateLimitIsCountedOnceForTheFleet() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * TwoReplicas.LIMIT; i++) {
            statuses.add(fleet.lookup(fleet.both().get(i % 2), "code-unknown-to-wechat", TwoReplicas.LIMITED_KEY,
                    Duration.ofSeconds(15)).statusCode());
        }
        assertThat(statuses.subList(0, TwoReplicas.LIMIT)).as("within the limit: WeChat says the code is unknown")
                .containsOnly(422);
        assertThat(statuses.subList(TwoReplicas.LIMIT, statuses.size()))
                .as("over the fleet's limit, whichever replica counts").containsOnly(429);
    }

    @Test
    @Order(4)
    void theKeysOfOneAppLiveOnOneNode() {
        String app = "phone-gateway:{" + Simulator.DEMO_APP_ID + "}*";
        Map<Integer, List<String>> keys = keysByNode(app);
        int master = masterOfAppKeys();
        assertThat(keys.get(master)).as("the app's token and results on its master")
                .contains("phone-gateway:{" + Simulator.DEMO_APP_ID + "}:token:stable")
                .anyMatch(key -> key.contains(":code:"));
        keys.forEach((port, held) -> {
            if (port != master) {
                assertThat(held).as("app keys on node " + port).allMatch(key -> replicaOf(port, master));
            }
        });
    }

    /** True when {@code port} is a replica of {@code master} (a replica holds copies of its master's keys). */
    abstract boolean replicaOf(int port, int master);

    @Test
    @Order(10)
    void killingTheMasterOfTheAppsKeysUnderTrafficLosesNoPaidResult() throws Exception {
        int oldMaster = masterOfAppKeys();
        java.util.function.BooleanSupplier[] promoted = new java.util.function.BooleanSupplier[1];
        FailoverDrill.Figures figures = FailoverDrill.run(topology(), fleet,
                () -> promoted[0] = killMasterOfAppKeys(),
                () -> promoted[0] != null && promoted[0].getAsBoolean(),
                asked -> Set.copyOf(keysByNode("phone-gateway:{" + Simulator.DEMO_APP_ID + "}:code:*")
                        .getOrDefault(masterOfAppKeys(), List.of())));

        assertThat(figures.paidResultsLost()).as("paid results lost").isZero();
        assertThat(figures.to200()).as("time from the kill until every lookup is 200 again")
                .isLessThan(BACK_TO_200_WITHIN);
        assertThat(masterOfAppKeys()).as("the app's keys have a new master").isNotEqualTo(oldMaster);
        // after the failover both replicas use the new master again: fresh results are stored there
        for (GatewayProcess replica : fleet.both()) {
            String code = fleet.mint("13612345678");
            HttpResponse<String> answer = fleet.lookup(replica, code, Duration.ofSeconds(15));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(keysByNode(FailoverDrill.resultKey(code)).get(masterOfAppKeys()))
                    .as("the result is stored on the new master").containsExactly(FailoverDrill.resultKey(code));
            HttpResponse<String> ready = fleet.get(replica, "/q/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("\"redis\": \"up\"");
        }
    }
}
