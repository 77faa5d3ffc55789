package io.phonegateway.client;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.phonegateway.client.generated.ApiClient;
import io.phonegateway.client.generated.ApiException;
import io.phonegateway.client.generated.ApiResponse;
import io.phonegateway.client.generated.api.PhoneApi;
import io.phonegateway.client.generated.model.LoginRequest;
import io.phonegateway.client.generated.model.LoginResponse;
import io.phonegateway.client.generated.model.PhoneRequest;
import io.phonegateway.client.generated.model.PhoneResponse;

/**
 * phone-gateway for Java callers: one line a call.
 *
 * <pre>{@code
 * PhoneGateway gateway = PhoneGateway.builder(URI.create("http://phone-gateway:8080")).apiKey(key).build();
 * PhoneNumber phone = gateway.lookup(code);
 * }</pre>
 *
 * A call that gets no phone number throws the {@link PhoneGatewayException} subclass of its problem code. Instances
 * are thread-safe and hold one {@link HttpClient}: make one per gateway and share it.
 */
public final class PhoneGateway {

    /** The gateway's own lookup deadline is 5 s; a little more lets its 504 arrive rather than a client timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(8);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final PhoneApi api;
    private final ProblemReader problems;
    private final Duration requestTimeout;

    private PhoneGateway(Builder builder) {
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new plain-HTTP connection
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout);
        ApiClient client = new ApiClient(http, ApiClient.createDefaultObjectMapper(), stripSlash(builder.baseUrl.toString()));
        client.setConnectTimeout(builder.connectTimeout);
        client.setReadTimeout(builder.requestTimeout);
        String authorization = builder.apiKey == null ? null : "Bearer " + builder.apiKey;
        client.setRequestInterceptor(request -> {
            if (authorization != null) {
                request.setHeader("Authorization", authorization);
            }
            request.setHeader("User-Agent", "phone-gateway-java-client");
        });
        this.api = new PhoneApi(client);
        this.problems = new ProblemReader(client.getObjectMapper());
        this.requestTimeout = builder.requestTimeout;
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** The phone number behind a getPhoneNumber code, for the gateway's only or default app. */
    public PhoneNumber lookup(String code) {
        return lookup(PhoneLookup.of(code));
    }

    public PhoneNumber lookup(PhoneLookup call) {
        String requestId = requestId(call.requestId());
        PhoneRequest body = new PhoneRequest().code(call.code()).appId(call.appId()).openid(call.openid());
        ApiResponse<PhoneResponse> answer;
        try {
            answer = api.lookupPhoneWithHttpInfo(body, call.cloudbaseAccessToken(), requestId);
        } catch (ApiException e) {
            throw failure(e, requestId);
        }
        PhoneResponse phone = answer.getData();
        String echoed = echoed(answer, requestId);
        if (phone == null || phone.getWatermark() == null) { // never from the gateway; perhaps from something in between
            throw new UnknownProblemException(new ProblemDetails(answer.getStatusCode(), null, "an answer without a phone number",
                    "an answer without a phone number", null, null, echoed, null));
        }
        return phoneNumber(phone, echoed);
    }

    /** The user behind a {@code wx.login} code, for the gateway's only or default app. */
    public Login login(String loginCode) {
        return login(LoginCall.of(loginCode));
    }

    /** The user behind a {@code wx.login} code and, with {@link LoginCall#phoneCode}, the same user's phone number. */
    public Login login(LoginCall call) {
        String requestId = requestId(call.requestId());
        LoginRequest body = new LoginRequest().loginCode(call.loginCode()).phoneCode(call.phoneCode()).appId(call.appId());
        ApiResponse<LoginResponse> answer;
        try {
            answer = api.loginWithHttpInfo(body, call.cloudbaseAccessToken(), null, null, requestId);
        } catch (ApiException e) {
            throw failure(e, requestId);
        }
        LoginResponse login = answer.getData();
        String echoed = echoed(answer, requestId);
        if (login == null || login.getOpenid() == null) { // never from the gateway; perhaps from something in between
            throw new UnknownProblemException(new ProblemDetails(answer.getStatusCode(), null, "an answer without an openid",
                    "an answer without an openid", null, null, echoed, null));
        }
        PhoneResponse phone = login.getPhone();
        return new Login(login.getOpenid(), login.getUnionid(),
                phone == null || phone.getWatermark() == null ? null : phoneNumber(phone, echoed), echoed);
    }

    /** The caller's own request id, else a new one: sent as {@code X-Request-Id}. */
    private static String requestId(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }

    /** The id the gateway echoed (the one sent when nothing in between dropped the header). */
    private static String echoed(ApiResponse<?> answer, String sent) {
        return answer.getHeaders().getOrDefault("x-request-id", List.of(sent)).get(0);
    }

    private static PhoneNumber phoneNumber(PhoneResponse phone, String requestId) {
        return new PhoneNumber(phone.getPhoneNumber(), phone.getPurePhoneNumber(), phone.getCountryCode(), phone.getE164(),
                phone.getRegionCode(), phone.getWatermark().getAppId(), Instant.ofEpochSecond(phone.getWatermark().getTimestamp()),
                requestId);
    }

    private PhoneGatewayException failure(ApiException e, String requestId) {
        if (e.getCode() != 0) {
            return Problems.toException(problems.read(e.getCode(), e.getResponseHeaders(), e.getResponseBody(), requestId));
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return new GatewayUnreachableException(requestId, "phone-gateway did not answer within " + requestTimeout, cause);
        }
        if (cause instanceof InterruptedException) {
            return new GatewayUnreachableException(requestId, "interrupted while waiting for phone-gateway", cause);
        }
        String what = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                ? "phone-gateway could not be reached" : "phone-gateway's answer was lost";
        return new GatewayUnreachableException(requestId, what + " (" + cause + ")", cause);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Settings of a {@link PhoneGateway}; only the base URL is required. */
    public static final class Builder {

        private final URI baseUrl;
        private String apiKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** The key the gateway's operators issued to your service; sent as {@code Authorization: Bearer}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
            return this;
        }

        /** Longest wait for a connection (default 2 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /** Longest wait for the whole answer (default 8 s, above the gateway's own 5 s deadline). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout);
            return this;
        }

        public PhoneGateway build() {
            return new PhoneGateway(this);
        }

        private static Duration positive(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive: " + timeout);
            }
            return timeout;
        }
    }
}
