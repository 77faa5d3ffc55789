package io.phonegateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the packaged gateway and its simulator: answers, every problem a caller meets, keys, timeouts. */
class PhoneGatewayIT {

    private static final String API_KEY = "it-key-of-orders";
    private static final String LIMITED_KEY = "it-key-of-limited";
    private static final String DEMO_APP_ID = "wx4f4bc4dec97d474b";

    private static GatewayUnderTest gateway;
    private static PhoneGateway client;

    @BeforeAll
    static void start() throws IOException {
        gateway = GatewayUnderTest.start(Map.ofEntries(
                Map.entry("phone-gateway.apps.demo.app-id", DEMO_APP_ID),
                Map.entry("phone-gateway.apps.demo.app-secret", "it-secret-of-demo"),
                Map.entry("phone-gateway.auth.enabled", "true"),
                Map.entry("phone-gateway.auth.api-keys.orders", API_KEY),
                Map.entry("phone-gateway.auth.api-keys.limited", LIMITED_KEY),
                Map.entry("phone-gateway.token.store", "local"),
                Map.entry("phone-gateway.rate-limit.enabled", "true"),
                Map.entry("phone-gateway.rate-limit.store", "local"),
                Map.entry("phone-gateway.rate-limit.callers.limited.requests", "2"),
                Map.entry("phone-gateway.rate-limit.callers.limited.burst", "2"),
                Map.entry("phone-gateway.rate-limit.callers.limited.period", "1h"),
                Map.entry("phone-gateway.lookup.deadline", "3s"),
                // the simulator's slow answers below stay answers (not lost ones, which the gateway would ask again)
                Map.entry("quarkus.rest-client.wechat.read-timeout", "10000"),
                Map.entry("phone-gateway.result-cache.key", "cGhvbmUtZ2F0ZXdheS10ZXN0LW9ubHkta2V5LTMyYiE=")));
        client = PhoneGateway.builder(gateway.url()).apiKey(API_KEY).build();
        warmUp();
    }

    /**
     * The first lookup of a fresh JVM also fetches the token; on a busy machine it may pass the deadline. Later tests
     * count on lookups that fit in it, so this one is repeated until it does (each retry is answered by then).
     */
    private static void warmUp() {
        retryWhileUpstreamTimeout(gateway.mintCode("13800138000", "86"));
    }

    /** What a caller does after a 504: the same code again (a few times at most); the gateway never pays twice. */
    private static PhoneNumber retryWhileUpstreamTimeout(String code) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.lookup(code);
            } catch (UpstreamTimeoutException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void loginAnswersTheUserAndTheSameUsersPhoneAndTheSameCodesAgainTheSameAnswer() {
        String[] codes = gateway.mintLogin("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "13800138007");

        Login login = client.login(LoginCall.of(codes[0]).phoneCode(codes[1]).requestId("login-7"));
        Login again = client.login(LoginCall.of(codes[0]).phoneCode(codes[1]).requestId("login-7"));

        assertThat(login.openid()).isEqualTo("o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
        assertThat(login.phoneNumber()).hasValueSatisfying(p -> assertThat(p.e164()).isEqualTo("+8613800138007"));
        assertThat(login.requestId()).isEqualTo("login-7");
        assertThat(login.toString()).doesNotContain("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "13800138007");
        assertThat(again).isEqualTo(login);
        assertThat(client.login(gateway.mintLogin("o-user-without-phone", "13800138008")[0]).phoneNumber()).isEmpty();
    }

    @Test
    void aSpentLoginCodeIsItsOwnException() {
        InvalidLoginCodeException e = catchThrowableOfType(InvalidLoginCodeException.class,
                () -> client.login("no-such-login-code-" + UUID.randomUUID()));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.retryableWithSameCode()).isFalse();
    }

    @Test
    void aCodeBecomesTheUsersPhoneNumberInOneLine() {
        String code = gateway.mintCode("13800138000", "86");

        PhoneNumber phone = client.lookup(code);

        assertThat(phone.phoneNumber()).isEqualTo("13800138000");
        assertThat(phone.purePhoneNumber()).isEqualTo("13800138000");
        assertThat(phone.countryCode()).isEqualTo("86");
        assertThat(phone.e164()).isEqualTo("+8613800138000");
        assertThat(phone.region()).contains("CN");
        assertThat(phone.watermarkAppId()).isEqualTo(DEMO_APP_ID);
        assertThat(phone.watermarkTime()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(UUID.fromString(phone.requestId())).as("a request id the client made").isNotNull();
    }

    @Test
    void theCallersRequestIdTravelsAndTheSameCodeGetsTheSameAnswerWithoutASecondPaidCall() {
        String code = gateway.mintCode("+852 61234567", "852");
        PhoneNumber first = client.lookup(PhoneLookup.of(code).appId(DEMO_APP_ID).requestId("order-42"));
        int paid = gateway.phoneCalls();

        PhoneNumber again = client.lookup(PhoneLookup.of(code).appId(DEMO_APP_ID).requestId("order-42"));

        assertThat(first.requestId()).isEqualTo("order-42");
        assertThat(first.e164()).isEqualTo("+85261234567");
        assertThat(first.region()).contains("HK");
        assertThat(again.e164()).isEqualTo(first.e164());
        assertThat(gateway.phoneCalls()).isEqualTo(paid);
    }

    @Test
    void aCodeWeChatDoesNotKnowIsInvalidCodeWithWeChatsErrcodeAndRid() {
        InvalidCodeException e = catchThrowableOfType(InvalidCodeException.class,
                () -> client.lookup(PhoneLookup.of("no-such-code-" + UUID.randomUUID()).requestId("it-invalid")));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("INVALID_CODE");
        assertThat(e.errcode()).contains(40029);
        assertThat(e.rid()).isPresent();
        assertThat(e.requestId()).isEqualTo("it-invalid");
        assertThat(e.retryableWithSameCode()).isFalse();
    }

    @Test
    void badInputIsInvalidRequestAndAnUnknownAppIsUnknownApp() {
        InvalidRequestException badCode = catchThrowableOfType(InvalidRequestException.class, () -> client.lookup("with space"));
        UnknownAppException unknownApp = catchThrowableOfType(UnknownAppException.class,
                () -> client.lookup(PhoneLookup.of("any-code").appId("wx0000000000000000")));

        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.retryableWithSameCode()).isFalse();
        assertThat(unknownApp.status()).isEqualTo(400);
    }

    @Test
    void aWrongOrMissingKeyIsUnauthorized() {
        PhoneGateway wrongKey = PhoneGateway.builder(gateway.url()).apiKey("not-a-key").build();
        PhoneGateway noKey = PhoneGateway.builder(gateway.url()).build();

        assertThat(catchThrowableOfType(UnauthorizedException.class, () -> wrongKey.lookup("any-code")).status()).isEqualTo(401);
        assertThat(catchThrowableOfType(UnauthorizedException.class, () -> noKey.lookup("any-code")).code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void weChatBusyThroughTheGatewaysRetriesMayBeRetriedWithTheSameCodeAfterRetryAfter() {
        String code = gateway.mintCode("13800138001", "86");
        gateway.failPhoneCalls(-1, 4); // the first attempt and the gateway's 3 retries

        UpstreamBusyException e = catchThrowableOfType(UpstreamBusyException.class, () -> client.lookup(code));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errcode()).contains(-1);
        assertThat(e.retryableWithSameCode()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(client.lookup(code).e164()).isEqualTo("+8613800138001");
    }

    @Test
    void weChatsMinuteQuotaIsUpstreamRateLimitedForAMinute() {
        String code = gateway.mintCode("13800138002", "86");
        gateway.failPhoneCalls(45011, 1);

        UpstreamRateLimitedException e = catchThrowableOfType(UpstreamRateLimitedException.class, () -> client.lookup(code));

        assertThat(e.errcode()).contains(45011);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(e.retryableWithSameCode()).isTrue();
    }

    @Test
    void anIpWeChatRefusesIsUpstreamAuthFailedAndNotForRetrying() {
        String code = gateway.mintCode("13800138003", "86");
        gateway.failPhoneCalls(40164, 1);

        UpstreamAuthFailedException e = catchThrowableOfType(UpstreamAuthFailedException.class, () -> client.lookup(code));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.errcode()).contains(40164);
        assertThat(e.retryableWithSameCode()).isFalse();
    }

    @Test
    void aLookupPastTheGatewaysDeadlineIsUpstreamTimeoutAndTheSameCodeThenGetsTheAnswerWeChatGaveLate() {
        String code = gateway.mintCode("13800138004", "86");
        int paidBefore = gateway.phoneCalls();
        gateway.delayNextPhoneCall(Duration.ofSeconds(5)); // the gateway's deadline here is 3 s

        UpstreamTimeoutException e = catchThrowableOfType(UpstreamTimeoutException.class, () -> client.lookup(code));
        PhoneNumber late = retryWhileUpstreamTimeout(code);

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.retryableWithSameCode()).isTrue();
        assertThat(late.e164()).isEqualTo("+8613800138004");
        assertThat(gateway.phoneCalls()).as("one paid exchange for both calls").isEqualTo(paidBefore + 1);
    }

    @Test
    void aClientTimeoutIsUnreachableAndTheRetryWithTheSameCodeIsAnsweredFromTheGatewaysStoredResult() {
        String code = gateway.mintCode("13800138005", "86");
        PhoneGateway impatient = PhoneGateway.builder(gateway.url()).apiKey(API_KEY).requestTimeout(Duration.ofMillis(300)).build();
        int paidBefore = gateway.phoneCalls();
        gateway.delayNextPhoneCall(Duration.ofSeconds(1)); // within the gateway's deadline, beyond the client's patience

        GatewayUnreachableException e = catchThrowableOfType(GatewayUnreachableException.class,
                () -> impatient.lookup(PhoneLookup.of(code).requestId("it-impatient")));
        PhoneNumber retried = client.lookup(PhoneLookup.of(code).requestId("it-impatient"));

        assertThat(e.status()).isZero();
        assertThat(e.requestId()).isEqualTo("it-impatient");
        assertThat(e.retryableWithSameCode()).isTrue();
        assertThat(e.getMessage()).contains("did not answer within PT0.3S");
        assertThat(retried.e164()).isEqualTo("+8613800138005");
        assertThat(gateway.phoneCalls()).as("one paid exchange for both calls").isEqualTo(paidBefore + 1);
    }

    @Test
    void aCallerOverItsRateIsRateLimitedWithRetryAfter() {
        PhoneGateway limited = PhoneGateway.builder(gateway.url()).apiKey(LIMITED_KEY).build();
        for (int i = 0; i < 2; i++) {
            catchThrowableOfType(InvalidCodeException.class, () -> limited.lookup("unknown-" + UUID.randomUUID()));
        }

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> limited.lookup("unknown-code"));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryableWithSameCode()).isTrue();
        assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    @Test
    void aGatewayThatIsNotThereIsUnreachable() {
        PhoneGateway nowhere = PhoneGateway.builder(URI.create("http://localhost:" + GatewayUnderTest.freePort())).build();

        GatewayUnreachableException e = catchThrowableOfType(GatewayUnreachableException.class, () -> nowhere.lookup("any-code"));

        assertThat(e.getMessage()).contains("could not be reached");
        assertThat(e.retryableWithSameCode()).isTrue();
    }
}
