package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code POST /login} of every kind, logging at DEBUG: WeChat's session_key appears in no answer, log line, metric or
 * Redis value, no full openid or code is logged, each login has its line, and the meters count logins and
 * jscode2session calls.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LoginHygieneTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SESSION_KEY = "SeSsIoNkEyMaRkEr";

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Test
    void theSessionKeyGoesNowhereAndEachLoginHasItsMaskedLine() {
        Simulator.freshStart();
        Scrape before = Scrape.now();
        List<String> answers = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.start()) {
            Map<String, String> alice = mint("o-alice-hygiene-00001", "u-alice-hygiene-0001", "13800138000");
            codes.add(alice.get("loginCode"));
            codes.add(alice.get("phoneCode"));
            Map<String, Object> pair = Map.of("loginCode", alice.get("loginCode"), "phoneCode", alice.get("phoneCode"));
            answers.add(login(pair, 200));
            answers.add(login(pair, 200)); // both parts from their stored results
            Map<String, String> bob = mint("o-bob-hygiene-000001", null, null);
            codes.add(bob.get("loginCode"));
            answers.add(login(Map.of("loginCode", bob.get("loginCode")), 200));
            answers.add(login(Map.of("loginCode", bob.get("loginCode")), 200));
            answers.add(login(Map.of("loginCode", "never-minted-login-code"), 422));
            Simulator.failWithErrcode("jscode2session", -1, 1);
            Map<String, String> carol = mint("o-carol-hygiene-0001", null, null);
            codes.add(carol.get("loginCode"));
            answers.add(login(Map.of("loginCode", carol.get("loginCode")), 200)); // one busy retry

            String logged = logs.all();
            assertThat(logged).doesNotContainIgnoringCase(SESSION_KEY).doesNotContain("session_key")
                    .doesNotContain("test-only-secret-of-demo").doesNotContain("13800138000");
            codes.forEach(code -> assertThat(logged).as("a code").doesNotContain(code));
            for (String id : List.of("o-alice-hygiene-00001", "u-alice-hygiene-0001", "o-bob-hygiene-000001")) {
                assertThat(logged).as("an id in clear").doesNotContain(id);
            }
            List<String> lines = logs.lines().stream().filter(l -> l.contains("login requestId=")).toList();
            assertThat(lines).hasSize(6);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("outcome=ok").contains("openid=o-al***0001")
                    .contains("phone=**********8000").contains("sessionCached=false"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("sessionCached=true").contains("phoneCached=true"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("outcome=invalid_login_code").contains("errcode=40029"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("outcome=ok").contains("retries=1"));
            assertThat(logs.lines().stream().filter(l -> l.contains("lookup requestId="))).as("no /phone line for a login")
                    .isEmpty();
        }
        answers.forEach(answer -> assertThat(answer).doesNotContainIgnoringCase(SESSION_KEY).doesNotContain("session_key"));

        Scrape after = Scrape.now();
        assertThat(after.text()).doesNotContainIgnoringCase(SESSION_KEY);
        assertThat(after.value("phone_gateway_logins_total", "app", "demo", "outcome", "ok")
                - before.value("phone_gateway_logins_total", "app", "demo", "outcome", "ok")).isEqualTo(5);
        assertThat(after.value("phone_gateway_logins_total", "app", "demo", "outcome", "invalid_login_code")
                - before.value("phone_gateway_logins_total", "app", "demo", "outcome", "invalid_login_code")).isEqualTo(1);
        assertThat(after.value("phone_gateway_wechat_calls_total", "app", "demo", "api", "jscode2session", "errcode", "0")
                - before.value("phone_gateway_wechat_calls_total", "app", "demo", "api", "jscode2session", "errcode", "0"))
                .isEqualTo(3);
        assertThat(after.value("phone_gateway_retries_total", "app", "demo", "api", "jscode2session", "reason", "busy")
                - before.value("phone_gateway_retries_total", "app", "demo", "api", "jscode2session", "reason", "busy"))
                .isEqualTo(1);
        assertThat(after.find("phone_gateway_wechat_call_seconds_count", "app", "demo", "api", "jscode2session")).isPresent();

        String everything = redisDump();
        assertThat(everything).contains(":code:").doesNotContainIgnoringCase(SESSION_KEY)
                .doesNotContain("o-alice-hygiene-00001").doesNotContain("o-bob-hygiene-000001");
        codes.forEach(code -> assertThat(everything).doesNotContain(code));
    }

    private static Map<String, String> mint(String openid, String unionid, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("openid", openid);
        body.put("sessionKey", SESSION_KEY);
        if (unionid != null) {
            body.put("unionid", unionid);
        }
        if (phone != null) {
            body.put("phoneNumber", phone);
        }
        return Simulator.mintLogin(body);
    }

    private static String login(Map<String, Object> body, int status) {
        return given().contentType(ContentType.JSON).body(body).post("/login").then().statusCode(status).extract().asString();
    }

    private String redisDump() {
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
        return everything.toString();
    }
}
