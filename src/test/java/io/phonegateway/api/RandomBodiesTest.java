package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import io.phonegateway.testsupport.RedisServerResource;
import io.phonegateway.testsupport.Simulator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Property: whatever body is sent to {@code POST /phone}, the answer is never a 5xx, and WeChat is asked only for a
 * request the gateway accepted, in which case WeChat's own answer comes back (the simulator knows none of these
 * codes: 422 INVALID_CODE). Bodies are random bytes, random JSON-like text, JSON objects with random members and
 * values, mutations of a valid body, and bodies around the 4 KiB limit. QuickTheories prints the seed of a failure,
 * and shrinks it to a small example.
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class RandomBodiesTest {

    private static final Set<String> REFUSALS = Set.of("INVALID_REQUEST", "UNKNOWN_APP", "PAYLOAD_TOO_LARGE");

    @BeforeEach
    void resetSimulatorAndRenewTheToken() {
        Simulator.reset();
        // the reset simulator forgets the token the gateway holds; one lookup replaces it, so that below every
        // accepted request costs exactly one WeChat call
        given().contentType("application/json").body("{\"code\":\"warm-up\"}").post("/phone").then().statusCode(422);
    }

    @Test
    void noBodyGetsA5xxOrReachesWechatUnlessAccepted() {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        qt().withExamples(250).withShrinkCycles(200).forAll(bodies()).checkAssert(body -> {
            int wechatCallsBefore = Simulator.calls("getuserphonenumber");
            Response answer = given().contentType("application/json").body(body).when().post("/phone");
            int wechatCalls = Simulator.calls("getuserphonenumber") - wechatCallsBefore;
            String shown = new String(body, StandardCharsets.UTF_8);

            assertThat(answer.statusCode()).as("status for %s", shown).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith(Problem.MEDIA_TYPE);
            String code = answer.path("code");
            if (code.equals("INVALID_CODE")) {
                assertThat(wechatCalls).as("an accepted request asks WeChat once: %s", shown).isEqualTo(1);
                accepted.incrementAndGet();
            } else {
                refused.incrementAndGet();
                assertThat(code).as("refusal of %s", shown).isIn(REFUSALS);
                assertThat(wechatCalls).as("a refused request never reaches WeChat: %s", shown).isZero();
            }
        });
        assertThat(accepted).as("the generators reach accepted requests too").hasPositiveValue();
        assertThat(refused).hasPositiveValue();
    }

    private static Gen<byte[]> bodies() {
        return Generate.oneOf(randomBytes(), jsonAlphabetText(), objects(), mutatedValidBodies(), nearTheLimit());
    }

    private static Gen<byte[]> randomBytes() {
        return Generate.byteArrays(Generate.range(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** Text of JSON's own characters, so that it gets past the first byte more often than random bytes. */
    private static Gen<byte[]> jsonAlphabetText() {
        return Generate.intArrays(Generate.range(0, 120), Generate.range(0, JSON_ALPHABET.length() - 1))
                .map(indexes -> {
                    StringBuilder text = new StringBuilder();
                    for (int i : indexes) {
                        text.append(JSON_ALPHABET.charAt(i));
                    }
                    return utf8(text.toString());
                });
    }

    private static final String JSON_ALPHABET = "{}[]\":,\\ \n\t0123456789.-+eEtruefalsnl codeappIdopenid\u0000\u00e9\u4e2d";

    /** JSON objects whose members are drawn from the request's own names and random ones, with values of any type. */
    private static Gen<byte[]> objects() {
        Gen<String> member = Generate.pick(List.of("code", "appId", "openid", "Code", "", "extra"))
                .zip(values(), (name, value) -> "\"" + name + "\":" + value);
        return Generate.range(0, 3).zip(member, member, member,
                (n, a, b, c) -> utf8("{" + String.join(",", List.of(a, b, c).subList(0, n)) + "}"));
    }

    private static Gen<String> values() {
        return Generate.oneOf(strings(), Generate.range(-1000, 1000).map((Integer i) -> String.valueOf(i)),
                Generate.pick(List.of("null", "true", "false", "[]", "{}", "[\"a\"]", "{\"a\":\"b\"}", "1e400", "-0",
                        "\"" + Simulator.DEMO_APP_ID + "\"", "\"" + Simulator.OTHER_APP_ID + "\"")));
    }

    /** JSON strings of random characters: visible ASCII mostly, with controls, escapes, non-ASCII and surrogates. */
    private static Gen<String> strings() {
        return Generate.intArrays(Generate.range(0, 140), Generate.range(0, Integer.MAX_VALUE - 1)).map(seeds -> {
            StringBuilder s = new StringBuilder("\"");
            for (int seed : seeds) {
                s.append(escaped(pickChar(seed)));
            }
            return s.append('"').toString();
        });
    }

    private static char pickChar(int seed) {
        int kind = seed % 8;
        return kind < 6 ? (char) (0x21 + seed % 94) : kind == 6 ? (char) (seed % 0x20) : (char) (0x80 + seed % 0xFF00);
    }

    private static String escaped(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> c < 0x20 && c % 3 == 0 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        };
    }

    /** A valid request with one character put in, or cut short. */
    private static Gen<byte[]> mutatedValidBodies() {
        String valid = "{\"code\":\"0a1b2c3d4e5f\",\"appId\":\"" + Simulator.DEMO_APP_ID + "\"}";
        return Generate.range(0, valid.length()).zip(Generate.characters(0, 0x2FF), Generate.booleans(),
                (at, c, cut) -> utf8(cut ? valid.substring(0, at) : valid.substring(0, at) + c + valid.substring(at)));
    }

    private static Gen<byte[]> nearTheLimit() {
        return Generate.range(3900, 4200).map(size -> {
            String head = "{\"code\":\"limit\",\"pad\":\"";
            return utf8(head + "p".repeat(Math.max(0, size - head.length() - 2)) + "\"}");
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
