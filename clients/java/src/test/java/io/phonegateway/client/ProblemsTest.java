package io.phonegateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.client.generated.model.Problem;

/** Every problem code of the committed contract has its own exception, with the retry rule of the contract. */
class ProblemsTest {

    /** CONTRACT "The retry rule callers rely on", plus 408 and 429, where nothing was looked up. */
    private static final Set<String> RETRYABLE = Set.of("REQUEST_TIMEOUT", "RATE_LIMITED", "UPSTREAM_BUSY",
            "UPSTREAM_RATE_LIMITED", "UPSTREAM_UNAVAILABLE", "UPSTREAM_TIMEOUT", "LEDGER_UNAVAILABLE");

    private final ProblemReader reader = new ProblemReader(new ObjectMapper());

    @Test
    void everyCodeOfTheContractHasItsOwnExceptionType() {
        // Problem.CodeEnum is generated from docs/openapi.yaml: a code the gateway adds fails here until it has a type
        for (Problem.CodeEnum code : Problem.CodeEnum.values()) {
            PhoneGatewayException e = Problems.toException(problem(400, code.getValue()));

            assertThat(e).as(code.getValue()).isNotInstanceOf(UnknownProblemException.class);
            assertThat(e.getClass().getSimpleName()).isEqualTo(camelCase(code.getValue()) + "Exception");
            assertThat(e.code()).isEqualTo(code.getValue());
        }
    }

    @Test
    void theSameCodeMayBeSentAgainExactlyAfterTheProblemsThatSaySo() {
        Set<String> retryable = Arrays.stream(Problem.CodeEnum.values()).map(Problem.CodeEnum::getValue)
                .filter(code -> Problems.toException(problem(503, code)).retryableWithSameCode()).collect(Collectors.toSet());

        assertThat(retryable).isEqualTo(RETRYABLE);
    }

    @Test
    void aProblemBodyGivesEveryField() {
        String body = """
                {"type":"urn:phone-gateway:problem:upstream-busy","title":"WeChat is busy","status":503,"code":"UPSTREAM_BUSY",
                 "errcode":-1,"rid":"6405d3a1-1b2c3d4e-5f6a7b8c","detail":"WeChat answered busy (-1)","requestId":"order-42"}""";

        PhoneGatewayException e = Problems.toException(reader.read(503, headers(Map.of("Retry-After", "1")), body, "sent-id"));

        assertThat(e).isInstanceOf(UpstreamBusyException.class);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errcode()).contains(-1);
        assertThat(e.rid()).contains("6405d3a1-1b2c3d4e-5f6a7b8c");
        assertThat(e.requestId()).isEqualTo("order-42");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(e.retryableWithSameCode()).isTrue();
        assertThat(e.getMessage()).isEqualTo("503 UPSTREAM_BUSY: WeChat answered busy (-1) (errcode -1, rid 6405d3a1-1b2c3d4e-5f6a7b8c)"
                + " [requestId order-42]");
    }

    @Test
    void aCodeNewerThanTheClientIsAnUnknownProblemThatFollowsItsStatus() {
        String body = "{\"status\":503,\"code\":\"UPSTREAM_ON_FIRE\",\"title\":\"New\",\"requestId\":\"r1\"}";

        PhoneGatewayException busy = Problems.toException(reader.read(503, headers(Map.of()), body, "r1"));
        PhoneGatewayException refused = Problems.toException(reader.read(409, headers(Map.of()), body, "r1"));

        assertThat(busy).isInstanceOf(UnknownProblemException.class);
        assertThat(busy.code()).isEqualTo("UPSTREAM_ON_FIRE");
        assertThat(busy.retryableWithSameCode()).isTrue();
        assertThat(refused.retryableWithSameCode()).isFalse();
    }

    @Test
    void anAnswerThatIsNoProblemStillGivesStatusRequestIdAndRetryAfter() {
        PhoneGatewayException e = Problems.toException(reader.read(502,
                headers(Map.of("X-Request-Id", "from-header", "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")),
                "<html>Bad Gateway</html>", "sent-id"));

        assertThat(e).isInstanceOf(UnknownProblemException.class);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isNull();
        assertThat(e.requestId()).isEqualTo("from-header");
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.retryableWithSameCode()).isFalse();
    }

    @Test
    void aLoggedPhoneNumberShowsOnlyItsLastDigits() {
        PhoneNumber phone = new PhoneNumber("13800138000", "13800138000", "86", "+8613800138000", "CN", "wx4f4bc4dec97d474b",
                java.time.Instant.EPOCH, "r1");

        assertThat(phone.toString()).doesNotContain("138001").contains("8000");
    }

    private static ProblemDetails problem(int status, String code) {
        return new ProblemDetails(status, code, "title", "detail", null, null, "r", null);
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (k, v) -> true);
    }

    private static String camelCase(String code) {
        return Arrays.stream(code.split("_")).map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }
}
