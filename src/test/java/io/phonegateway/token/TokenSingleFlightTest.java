package io.phonegateway.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.phonegateway.config.TokenMode;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Many first lookups at once make one token fetch: nobody fetches a token another caller is already fetching. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class TokenSingleFlightTest {

    @Inject
    TokenStore store;

    @BeforeEach
    void forgetTokens() {
        Simulator.reset();
        for (String appId : List.of(Simulator.DEMO_APP_ID, Simulator.OTHER_APP_ID)) {
            TokenKey key = new TokenKey(appId, TokenMode.STABLE);
            AccessToken held = store.current(key).await().atMost(Duration.ofSeconds(5));
            if (held != null) {
                store.invalidate(key, held.value()).await().atMost(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void fiftyConcurrentFirstLookupsMakeOneTokenFetch() throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            codes.add(Simulator.mintCode(String.format("138%08d", i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String code : codes) {
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON).body(Map.of("code", code))
                        .post("/phone").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Simulator.calls("stable_token")).isEqualTo(1);
        assertThat(Simulator.calls("getuserphonenumber")).isEqualTo(50);
    }
}
