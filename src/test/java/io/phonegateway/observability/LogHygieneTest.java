package io.phonegateway.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.phonegateway.config.TokenMode;
import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.phonegateway.token.AccessToken;
import io.phonegateway.token.TokenKey;
import io.phonegateway.token.TokenStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Lookups of every kind, with phone-gateway's logging at DEBUG: nothing logged carries a phone number, a code,
 * an access token or a secret, and every lookup has its one line with the phone masked to its last four digits.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class LogHygieneTest {

    private static final List<String> SECRETS = List.of("test-only-secret-of-demo", "test-only-secret-of-other",
            "a-secret-the-simulator-does-not-know");

    @Inject
    TokenStore store;

    @Test
    void nothingLoggedCarriesAPhoneCodeTokenOrSecret() {
        Simulator.freshStart();
        List<String> codes = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.start()) {
            codes.add(lookup("13800138000", 200));
            codes.add(lookup(Simulator.phone("+85261234567", "852"), 200));
            Simulator.failWithErrcode("getuserphonenumber", 40001, 1);
            codes.add(lookup("13912345678", 200)); // token rejected: invalidated, fetched again, retried
            tokens.add(heldToken());
            codes.add(lookup("13700001111", 200));
            given().contentType(ContentType.JSON).body(Map.of("code", codes.get(0))).post("/phone").then().statusCode(200); // result cache
            String unknown = "code-the-simulator-never-minted-7c1e";
            codes.add(unknown);
            given().contentType(ContentType.JSON).body(Map.of("code", unknown)).post("/phone").then().statusCode(422);
            Simulator.fault(Map.of("api", "getuserphonenumber", "type", "http-status", "httpStatus", 502, "times", -1));
            codes.add(lookup("13600002222", 502));
            Simulator.reset();
            Simulator.fault(Map.of("api", "getuserphonenumber", "type", "malformed", "times", -1));
            codes.add(lookup("13500003333", 502));
            Simulator.reset();
            Simulator.failWithErrcode("getuserphonenumber", -1, -1); // busy until reset, whatever the retries
            codes.add(lookup("13400004444", 503));
            tokens.add(heldToken());
            Simulator.reset();
            Simulator.setAppSecret(Simulator.OTHER_APP_ID, SECRETS.get(2));
            codes.add(lookupOther("13300005555"));
            tokens.add(heldToken());

            String logged = logs.all();
            for (String phone : List.of("13800138000", "85261234567", "61234567", "13912345678", "13700001111",
                    "13600002222", "13500003333", "13400004444", "13300005555")) {
                assertThat(logged).as("phone %s", phone).doesNotContain(phone);
            }
            codes.forEach(code -> assertThat(logged).as("a code").doesNotContain(code));
            tokens.forEach(token -> assertThat(logged).as("an access token").doesNotContain(token));
            SECRETS.forEach(secret -> assertThat(logged).as("a secret").doesNotContain(secret));
            assertThat(logged).doesNotContainPattern("sim-[A-Za-z0-9]{16}").doesNotContain("access_token=");

            List<String> lookupLines = logs.lines().stream().filter(l -> l.contains("lookup requestId=")).toList();
            assertThat(lookupLines).hasSize(10);
            assertThat(lookupLines).anySatisfy(l -> assertThat(l).contains("outcome=ok").contains("cached=true"));
            assertThat(lookupLines).anySatisfy(l -> assertThat(l).contains("outcome=ok").contains("phone=**********8000")
                    .contains("caller=anonymous").contains("app=demo"));
            assertThat(lookupLines).anySatisfy(l -> assertThat(l).contains("outcome=invalid_code").contains("errcode=40029"));
            assertThat(lookupLines).anySatisfy(l -> assertThat(l).contains("outcome=ok").contains("retries=1"));
            assertThat(lookupLines)
                    .anySatisfy(l -> assertThat(l).contains("app=other").contains("outcome=upstream_auth_failed"));
        } finally {
            Simulator.freshStart(); // the faults above may have opened the phone breaker
        }
    }

    private static String lookup(String phone, int status) {
        return lookup(Simulator.phone(phone, "86"), status);
    }

    private static String lookup(Map<String, Object> phone, int status) {
        String code = Simulator.mintCode(phone);
        given().contentType(ContentType.JSON).body(Map.of("code", code)).post("/phone").then().statusCode(status);
        return code;
    }

    private static String lookupOther(String phone) {
        String code = Simulator.mintCode(Map.of("phoneNumber", phone, "appId", Simulator.OTHER_APP_ID));
        given().contentType(ContentType.JSON).body(Map.of("code", code, "appId", Simulator.OTHER_APP_ID)).post("/phone")
                .then().statusCode(502);
        return code;
    }

    private String heldToken() {
        AccessToken token = store.current(new TokenKey(Simulator.DEMO_APP_ID, TokenMode.STABLE)).await()
                .atMost(Duration.ofSeconds(5));
        return token == null ? "no-token-held" : token.value();
    }
}
