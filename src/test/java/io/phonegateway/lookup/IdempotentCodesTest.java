package io.phonegateway.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.phone.PhoneNormalizer;
import io.phonegateway.redis.RedisStatus;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.token.AccessTokenProvider;
import io.phonegateway.wechat.WechatClient;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;

/** A code is exchanged at WeChat once: repeats and concurrent duplicates get the stored, encrypted result. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class IdempotentCodesTest {

    private static final String PHONE = "getuserphonenumber";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    GatewayConfig config;
    @Inject
    AppRegistry apps;
    @Inject
    AccessTokenProvider tokens;
    @Inject
    WechatClient wechat;
    @Inject
    PhoneCallRetries retries;
    @Inject
    PhoneNormalizer normalizer;
    @Inject
    Instance<Redis> client;
    @Inject
    Instance<ReactiveRedisDataSource> redis;
    @Inject
    RedisStatus status;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void reset() {
        Simulator.freshStart();
    }

    @AfterEach
    void redisBack() {
        if (RedisServerResource.embedded()) {
            RedisServerResource.restart();
        }
    }

    @Test
    void theSameCodeTwiceGetsTheSameAnswerWithOneWechatCall() {
        String code = Simulator.mintCode("13800138000");

        String first = lookup(code, null).then().statusCode(200).extract().asString();
        String second = lookup(code, null).then().statusCode(200).extract().asString();

        assertThat(second).isEqualTo(first);
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentIdenticalRequestsMakeOneWechatCall() throws Exception {
        String code = Simulator.mintCode("13800138000");
        Simulator.fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 300)); // all 20 arrive while it runs

        List<String> bodies = concurrently(20, () -> lookup(code, null).then().statusCode(200).extract().asString());

        assertThat(bodies).hasSize(20).containsOnly(bodies.get(0));
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    @Test
    void twoReplicasSharingRedisMakeOneWechatCallForOneCode() throws Exception {
        PhoneLookupService one = replica();
        PhoneLookupService two = replica();
        WechatApp app = apps.resolve(Optional.empty()).orElseThrow();
        String code = Simulator.mintCode("13800138000");
        Simulator.fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 300));

        List<Uni<PhoneResult>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add((i % 2 == 0 ? one : two).lookup(app, code, null, Optional.empty(), new LookupTrace()));
        }
        List<PhoneResult> results = Uni.join().all(all).andFailFast().await().atMost(WAIT);

        assertThat(results).extracting(r -> r.phone().e164()).containsOnly("+8613800138000");
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    /**
     * The claim's lease (3 s) is shorter than this WeChat call (3.6 s): renewed while the call runs, it keeps a
     * retry on another replica waiting for the result instead of calling WeChat itself (which would say 40029).
     */
    @Test
    void aLookupSlowerThanTheClaimsLeaseKeepsItsClaimAndTheRetryOnAnotherReplicaGetsItsResult() throws Exception {
        assertThat(config.resultCache().lockLease()).isLessThan(Duration.ofMillis(3600));
        PhoneLookupService one = replica();
        PhoneLookupService two = replica();
        WechatApp app = apps.resolve(Optional.empty()).orElseThrow();
        String code = Simulator.mintCode("13800138000");
        Simulator.fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 3600));

        var first = one.lookup(app, code, null, Optional.empty(), new LookupTrace()).subscribeAsCompletionStage();
        Thread.sleep(config.resultCache().lockLease().toMillis() + 300); // past the first lease
        LookupTrace retryTrace = new LookupTrace();
        PhoneResult retried = two.lookup(app, code, null, Optional.empty(), retryTrace).await().atMost(WAIT);

        assertThat(retried.phone().e164()).isEqualTo("+8613800138000");
        assertThat(first.get().phone().e164()).isEqualTo("+8613800138000");
        assertThat(Simulator.calls(PHONE)).isEqualTo(1);
    }

    /** A replica whose claim failed (Redis hiccup) goes ahead; WeChat's 40029 then loses to the stored result. */
    @Test
    void aFortyZeroTwentyNineForACodeWhoseResultIsStoredAnswersTheStoredResult() {
        WechatApp app = apps.resolve(Optional.empty()).orElseThrow();
        String code = Simulator.mintCode("13800138000");
        replica().lookup(app, code, null, Optional.empty(), new LookupTrace()).await().atMost(WAIT);

        PhoneResult again = replicaWhoseClaimsFail().lookup(app, code, null, Optional.empty(), new LookupTrace())
                .await().atMost(WAIT);

        assertThat(again.phone().e164()).isEqualTo("+8613800138000");
        assertThat(Simulator.calls(PHONE)).isEqualTo(2); // the second said 40029
    }

    /** The same while the first lookup is still running: the 40029 waits for it to settle, then takes its result. */
    @Test
    void aFortyZeroTwentyNineWhileAnotherLookupOfTheCodeRunsWaitsForItsResult() throws Exception {
        WechatApp app = apps.resolve(Optional.empty()).orElseThrow();
        String code = Simulator.mintCode("13800138000");
        Simulator.fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 1500));
        var first = replica().lookup(app, code, null, Optional.empty(), new LookupTrace()).subscribeAsCompletionStage();
        Thread.sleep(500); // the first call has spent the code at WeChat and waits for its answer

        PhoneResult second = replicaWhoseClaimsFail().lookup(app, code, null, Optional.empty(), new LookupTrace())
                .await().atMost(WAIT);

        assertThat(second.phone().e164()).isEqualTo("+8613800138000");
        assertThat(first.get().phone().e164()).isEqualTo("+8613800138000");
    }

    @Test
    void aResultStoredForOneOpenidIsNotServedToAnother() {
        Map<String, Object> mint = new HashMap<>(Simulator.phone("13800138000", "86"));
        mint.put("openid", "o-user-1");
        String code = Simulator.mintCode(mint);

        lookup(code, "o-user-1").then().statusCode(200);
        lookup(code, "o-user-1").then().statusCode(200);
        lookup(code, "o-someone-else").then().statusCode(422); // WeChat decides: the code is spent

        assertThat(Simulator.calls(PHONE)).isEqualTo(2);
    }

    @Test
    void redisHoldsNeitherPhoneNumbersNorCodesInClear() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String code = Simulator.mintCode(String.format("1370000%04d", i));
            codes.add(code);
            lookup(code, null).then().statusCode(200);
        }

        StringBuilder everything = new StringBuilder();
        ReactiveRedisDataSource ds = redis.get();
        for (var key : ds.execute("KEYS", "*").await().atMost(WAIT)) {
            everything.append(key).append('\n');
            String type = ds.execute("TYPE", key.toString()).await().atMost(WAIT).toString();
            var value = switch (type) {
                case "string" -> ds.execute("GET", key.toString()).await().atMost(WAIT);
                case "hash" -> ds.execute("HGETALL", key.toString()).await().atMost(WAIT);
                default -> null;
            };
            everything.append(value).append('\n');
        }

        assertThat(everything.toString()).contains(":code:").doesNotContain("1370000");
        codes.forEach(code -> assertThat(everything.toString()).doesNotContain(code));
    }

    @Test
    void withRedisDownIdenticalRequestsOnOneReplicaStillMakeOneCall() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RedisServerResource.embedded());
        lookup(Simulator.mintCode("13800138000"), null).then().statusCode(200); // hold a token first
        String code = Simulator.mintCode("13900139000");
        Simulator.fault(Map.of("api", PHONE, "type", "delay", "delayMillis", 300));
        int before = Simulator.calls(PHONE);
        RedisServerResource.stopServer();

        List<Integer> statuses = concurrently(10, () -> lookup(code, null).then().extract().statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(Simulator.calls(PHONE) - before).isEqualTo(1);
    }

    private PhoneLookupService replica() {
        ResultStore store = new ResultStoreProducer().resultStore(config, client, status);
        return new PhoneLookupService(tokens, wechat, retries,
                new ResultCache(config, store, json, new ClaimRenewals(store, config)), normalizer, config);
    }

    /** A replica on the same Redis whose claims fail as when Redis does not answer: it goes ahead without a lock. */
    private PhoneLookupService replicaWhoseClaimsFail() {
        ResultStore real = new ResultStoreProducer().resultStore(config, client, status);
        ResultStore store = new ResultStore() {
            @Override
            public Uni<Claim> claim(String appId, String codeHash, String owner, Duration lease) {
                return Uni.createFrom().item(Claim.LOCKED);
            }

            @Override
            public Uni<Boolean> renew(String appId, String codeHash, String owner, Duration lease) {
                return real.renew(appId, codeHash, owner, lease);
            }

            @Override
            public Uni<Peek> peek(String appId, String codeHash, String owner) {
                return real.peek(appId, codeHash, owner);
            }

            @Override
            public Uni<Void> store(String appId, String codeHash, byte[] value, Duration ttl, String owner) {
                return real.store(appId, codeHash, value, ttl, owner);
            }

            @Override
            public Uni<Void> release(String appId, String codeHash, String owner) {
                return real.release(appId, codeHash, owner);
            }
        };
        return new PhoneLookupService(tokens, wechat, retries,
                new ResultCache(config, store, json, new ClaimRenewals(store, config)), normalizer, config);
    }

    private static io.restassured.response.Response lookup(String code, String openid) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        if (openid != null) {
            body.put("openid", openid);
        }
        return given().contentType(ContentType.JSON).body(body).post("/phone");
    }

    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
