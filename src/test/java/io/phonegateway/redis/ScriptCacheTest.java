package io.phonegateway.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.phonegateway.ledger.Ledger;
import io.phonegateway.testsupport.CapturedLogs;
import io.phonegateway.testsupport.LedgerWrites;
import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Scrape;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Scripts are sent as EVALSHA and their source only where Redis lacks it (a promoted replica, another cluster
 * node, a flushed cache: here SCRIPT FLUSH); a Redis error reply is named as such, never as a lost connection.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class ScriptCacheTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    @Inject
    RedisStatus status;

    @Inject
    Ledger ledger;

    @Test
    void aServerWithoutTheScriptsGetsTheirSourceOnceThenOnlyTheirSha1() {
        Simulator.freshStart();
        redis.execute("SCRIPT", "FLUSH");
        long evalBefore = calls("eval");
        long evalshaBefore = calls("evalsha");
        lookup();
        // the ledger's count lingers 100 ms: its script call belongs to this lookup's window, not the next one's
        LedgerWrites.awaitWritten(ledger, Duration.ofSeconds(5));
        long evalAfterFirst = calls("eval");
        assertThat(evalAfterFirst - evalBefore).as("EVAL after NOSCRIPT, once per script the lookup runs").isPositive();
        assertThat(calls("evalsha")).as("EVALSHA tried first").isGreaterThanOrEqualTo(evalshaBefore);

        long evalshaBeforeSecond = calls("evalsha");
        lookup();
        LedgerWrites.awaitWritten(ledger, Duration.ofSeconds(5));
        assertThat(calls("eval")).as("no source sent once Redis has the scripts").isEqualTo(evalAfterFirst);
        // the rate limit's permit comes from this replica's lease (ratelimit/LeasedPermitsTest), not always from Redis
        assertThat(calls("evalsha") - evalshaBeforeSecond).as("claim and store by SHA1").isGreaterThanOrEqualTo(2);
        for (LuaScript script : LuaScripts.ALL) {
            // Redis names a script by the same SHA1 the gateway computed
            assertThat(redis.execute("SCRIPT", "LOAD", script.source()).toString()).isEqualTo(script.sha1());
        }
    }

    @Test
    void anErrorReplyIsNamedAndCountedAsAnErrorReplyNotAsALostConnection() {
        String key = "phone-gateway:{" + Simulator.OTHER_APP_ID + "}:wrong-type";
        redis.value(String.class).set(key, "a string, not a hash");
        RedisCommands commands = new RedisCommands(client, status, Duration.ofSeconds(2));
        // Any command of this replica that succeeds clears the status: the ledger's flush of the lookups before (it
        // lingers 100 ms) must be done, or it could clear it between the failure and the assertions below.
        LedgerWrites.awaitWritten(ledger, Duration.ofSeconds(5));
        double before = Scrape.now().find("phone_gateway_redis_failures_total", "kind", "error_reply").orElse(0);
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> commands.execute("HMGET", key, "value").await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(RedisCommands.RedisDown.class, down -> {
                        assertThat(down.failure().kind()).isEqualTo(RedisFailure.Kind.ERROR_REPLY);
                        assertThat(down.failure().reply()).isEqualTo("WRONGTYPE");
                    });
            assertThat(status.current()).hasValueSatisfying(d -> assertThat(d.failure().describe())
                    .isEqualTo("error reply WRONGTYPE"));
            assertThat(Scrape.now().value("phone_gateway_redis_down", "kind", "error_reply")).isEqualTo(1);
            commands.execute("PING").await().atMost(Duration.ofSeconds(5));
            assertThat(logs.all()).contains("Redis failed (error reply WRONGTYPE)")
                    .contains("Redis answers again").doesNotContain("connection lost");
        } finally {
            redis.key().del(key);
        }
        assertThat(status.current()).isEmpty();
        assertThat(Scrape.now().value("phone_gateway_redis_failures_total", "kind", "error_reply")).isEqualTo(before + 1);
        assertThat(Scrape.now().value("phone_gateway_redis_down", "kind", "error_reply")).isZero();
    }

    private static void lookup() {
        given().contentType(ContentType.JSON).body(Map.of("code", Simulator.mintCode("13800138000")))
                .post("/phone").then().statusCode(200);
    }

    /** Calls of one command since the server started, from INFO commandstats. */
    private long calls(String command) {
        String info = redis.execute("INFO", "commandstats").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

}
