package io.phonegateway.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.WechatApp;

/**
 * Drives the simulator from tests, demos and benchmarks: mint codes, inject faults, read counters, reset.
 * Served only when {@code phone-gateway.simulator.enabled=true}. README "Simulator" lists every call.
 */
@Path("/simulator/control")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulatorControlResource {

    /**
     * {@code POST /control/codes}: a code for {@code phoneNumber}; {@code appId} defaults to the default app,
     * {@code lifetimeSeconds} to {@code phone-gateway.simulator.code-lifetime}.
     */
    public record MintRequest(String appId, @NotBlank(message = "phoneNumber is required") String phoneNumber,
            String purePhoneNumber,
            @Pattern(regexp = " *[0-9]{1,4} *", message = "countryCode must be 1 to 4 digits") String countryCode,
            String openid, Boolean countryCodeAsNumber,
            @PositiveOrZero(message = "lifetimeSeconds must be 0 or more") Long lifetimeSeconds,
            @Pattern(regexp = "quick|realtime", message = "component must be quick or realtime") String component) {
    }

    /** {@code POST /control/faults}: see {@link Fault}. */
    public record FaultRequest(String api, String type, Integer errcode, Integer httpStatus, Long delayMillis,
            Integer times, Boolean consumeCode) {

        @AssertTrue(message = "api must be one of getuserphonenumber, stable_token, token, charge_usage, jscode2session")
        boolean isKnownApi() {
            return api != null && SimulatedApi.byLabel(api).isPresent();
        }

        @AssertTrue(message = "type must be one of errcode, http-status, malformed, delay")
        boolean isKnownType() {
            return faultType() != null;
        }

        @AssertTrue(message = "times must be positive, or -1 for until reset")
        boolean isTimesValid() {
            return times == null || times > 0 || times == -1;
        }

        @AssertTrue(message = "errcode is required for type errcode")
        boolean isErrcodeGiven() {
            return faultType() != Fault.Type.ERRCODE || errcode != null;
        }

        @AssertTrue(message = "httpStatus must be 200..599 for type http-status")
        boolean isHttpStatusValid() {
            return faultType() != Fault.Type.HTTP_STATUS || httpStatus != null && httpStatus >= 200 && httpStatus <= 599;
        }

        @AssertTrue(message = "delayMillis must be 0 or more for type delay")
        boolean isDelayValid() {
            return faultType() != Fault.Type.DELAY || delayMillis != null && delayMillis >= 0;
        }

        Fault.Type faultType() {
            try {
                return Fault.Type.of(String.valueOf(type));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public record AppRequest(@NotBlank(message = "secret is required") String secret,
            @Positive(message = "tokenLifetimeSeconds must be positive") Long tokenLifetimeSeconds) {
    }

    public record Switch(@NotNull(message = "enabled is required") Boolean enabled) {
    }

    public record CloudbaseTokenRequest(String appId) {
    }

    /**
     * {@code POST /control/login-codes}: a {@code wx.login} code of user {@code openid} (and {@code unionid}, when the
     * app is bound to an Open Platform account); with {@code phoneNumber}, also a phone code of the same user.
     * {@code sessionKey} defaults to a random one.
     */
    public record LoginMintRequest(String appId, @NotBlank(message = "openid is required") String openid, String unionid,
            String sessionKey, String phoneNumber,
            @Pattern(regexp = " *[0-9]{1,4} *", message = "countryCode must be 1 to 4 digits") String countryCode,
            @PositiveOrZero(message = "lifetimeSeconds must be 0 or more") Long lifetimeSeconds) {
    }

    /** {@code PUT /control/login-limit}: WeChat's per-user jscode2session limit (100 a minute). */
    public record LoginLimitRequest(
            @NotNull(message = "perMinute is required") @PositiveOrZero(message = "perMinute must be 0 or more") Integer perMinute) {
    }

    /** {@code PUT /control/high-risk}: jscode2session refuses this user's codes with 40226 while enabled. */
    public record HighRiskRequest(@NotBlank(message = "openid is required") String openid,
            @NotNull(message = "enabled is required") Boolean enabled) {
    }

    /** {@code PUT /control/foreign-openid-errcode}: what getuserphonenumber answers for another user's openid. */
    public record ErrcodeRequest(@NotNull(message = "errcode is required") Integer errcode) {

        @AssertTrue(message = "errcode must not be 0")
        boolean isAnError() {
            return errcode == null || errcode != 0;
        }
    }

    /**
     * {@code PUT /control/paid-quota}: the resource pack {@code /wxa/charge/usage/get} reports for {@code appId} and
     * {@code spuId} (each: every one when left out).
     */
    public record PaidQuotaRequest(
            @NotNull(message = "all is required and must be 0 or more") @PositiveOrZero(message = "all is required and must be 0 or more") Long all,
            @PositiveOrZero(message = "used must be 0 or more") Long used, String appId, String spuId) {
    }

    private final SimulatedTokens tokens;
    private final SimulatedCodes codes;
    private final FaultPlan faults;
    private final CallStats stats;
    private final AppRegistry apps;
    private final GatewayConfig config;
    private final SimulatedPaidQuota paidQuota;
    private final SimulatedLogins logins;

    SimulatorControlResource(SimulatedTokens tokens, SimulatedCodes codes, FaultPlan faults, CallStats stats,
            AppRegistry apps, GatewayConfig config, SimulatedPaidQuota paidQuota, SimulatedLogins logins) {
        this.paidQuota = paidQuota;
        this.logins = logins;
        this.tokens = tokens;
        this.codes = codes;
        this.faults = faults;
        this.stats = stats;
        this.apps = apps;
        this.config = config;
    }

    @POST
    @Path("/codes")
    public Response mintCode(@Valid @NotNull(message = "a JSON body is required") MintRequest request) {
        Optional<String> appId = appIdOr(request.appId());
        if (appId.isEmpty()) {
            return invalid("appId is not an app of the simulator");
        }
        String countryCode = countryCodeOr86(request.countryCode());
        Duration lifetime = lifetimeOr(request.lifetimeSeconds());
        MintedCode minted = new MintedCode(appId.get(), request.phoneNumber(),
                blank(request.purePhoneNumber()) ? purePhone(request.phoneNumber(), countryCode) : request.purePhoneNumber(),
                countryCode, request.openid(), Boolean.TRUE.equals(request.countryCodeAsNumber()),
                Instant.now().plus(lifetime));
        paidQuota.charge(minted.appId(),
                PhoneComponent.ofLabel(String.valueOf(request.component())).orElse(PhoneComponent.QUICK));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", codes.mint(minted));
        body.put("appId", minted.appId());
        body.put("expiresInSeconds", lifetime.toSeconds());
        return Response.created(URI.create("/simulator/control/codes")).entity(body).build();
    }

    private static String countryCodeOr86(String countryCode) {
        return blank(countryCode) ? "86" : countryCode.trim();
    }

    /** A minted code's lifetime: the request's, else {@code simulator.code-lifetime}. */
    private Duration lifetimeOr(Long seconds) {
        return seconds == null ? config.simulator().codeLifetime() : Duration.ofSeconds(seconds);
    }

    @POST
    @Path("/login-codes")
    public Response mintLoginCode(@Valid @NotNull(message = "a JSON body is required") LoginMintRequest request) {
        Optional<String> appId = appIdOr(request.appId());
        if (appId.isEmpty()) {
            return invalid("appId is not an app of the simulator");
        }
        String countryCode = countryCodeOr86(request.countryCode());
        Duration lifetime = lifetimeOr(request.lifetimeSeconds());
        Instant expiresAt = Instant.now().plus(lifetime);
        String sessionKey = blank(request.sessionKey()) ? SimulatedAnswer.opaque(16) : request.sessionKey();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("loginCode", logins.mint(new MintedLogin(appId.get(), request.openid(),
                blank(request.unionid()) ? null : request.unionid(), sessionKey, expiresAt)));
        if (!blank(request.phoneNumber())) {
            paidQuota.charge(appId.get(), PhoneComponent.QUICK);
            body.put("phoneCode", codes.mint(new MintedCode(appId.get(), request.phoneNumber(),
                    purePhone(request.phoneNumber(), countryCode), countryCode, request.openid(), false, expiresAt)));
        }
        body.put("appId", appId.get());
        body.put("expiresInSeconds", lifetime.toSeconds());
        return Response.created(URI.create("/simulator/control/login-codes")).entity(body).build();
    }

    @PUT
    @Path("/login-limit")
    public Response loginLimit(@Valid @NotNull(message = "perMinute is required") LoginLimitRequest request) {
        logins.perUserPerMinute(request.perMinute());
        return Response.noContent().build();
    }

    @PUT
    @Path("/high-risk")
    public Response highRisk(@Valid @NotNull(message = "openid and enabled are required") HighRiskRequest request) {
        logins.highRisk(request.openid(), request.enabled());
        return Response.noContent().build();
    }

    @PUT
    @Path("/foreign-openid-errcode")
    public Response foreignOpenidErrcode(@Valid @NotNull(message = "errcode is required") ErrcodeRequest request) {
        logins.foreignOpenidErrcode(request.errcode());
        return Response.noContent().build();
    }

    @POST
    @Path("/faults")
    public Response addFault(@Valid @NotNull(message = "a JSON body is required") FaultRequest request) {
        int times = request.times() == null ? 1 : request.times();
        faults.add(SimulatedApi.byLabel(request.api()).get(), new Fault(request.faultType(),
                request.errcode() == null ? 0 : request.errcode(), request.httpStatus() == null ? 0 : request.httpStatus(),
                request.delayMillis() == null ? 0 : request.delayMillis(), times, Boolean.TRUE.equals(request.consumeCode())));
        return Response.noContent().build();
    }

    /** {@code DELETE /control/faults}: ends every queued fault (a slow period ends); codes, tokens and counters stay. */
    @DELETE
    @Path("/faults")
    public Response clearFaults() {
        faults.reset();
        return Response.noContent().build();
    }

    @GET
    @Path("/stats")
    public Map<String, Object> stats() {
        Map<String, Object> calls = new LinkedHashMap<>();
        Map<String, Object> issued = new LinkedHashMap<>();
        for (SimulatedApi api : SimulatedApi.values()) {
            calls.put(api.label(), stats.calls(api));
            if (api == SimulatedApi.STABLE_TOKEN || api == SimulatedApi.TOKEN) {
                issued.put(api.label(), stats.tokensIssued(api));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", calls);
        body.put("tokensIssued", issued);
        body.put("phoneSuccesses", stats.phoneSuccesses());
        return body;
    }

    /** Zeroes the counters only: tokens, codes and faults stay. */
    @POST
    @Path("/stats/reset")
    @Consumes(MediaType.WILDCARD)
    public Response resetStats() {
        stats.reset();
        return Response.noContent().build();
    }

    @POST
    @Path("/reset")
    @Consumes(MediaType.WILDCARD)
    public Response reset() {
        tokens.reset();
        codes.reset();
        logins.reset();
        faults.reset();
        stats.reset();
        paidQuota.reset();
        return Response.noContent().build();
    }

    @PUT
    @Path("/apps/{appId}")
    public Response putApp(
            @PathParam("appId") @Pattern(regexp = "wx[0-9a-f]{16}", message = "appId must look like wx followed by 16 hex digits") String appId,
            @Valid @NotNull(message = "secret is required") AppRequest request) {
        tokens.putAccount(appId, request.secret(),
                Optional.ofNullable(request.tokenLifetimeSeconds()).map(Duration::ofSeconds));
        return Response.noContent().build();
    }

    @PUT
    @Path("/paid-quota")
    public Response putPaidQuota(@Valid @NotNull(message = "all is required and must be 0 or more") PaidQuotaRequest request) {
        long used = request.used() == null ? 0 : request.used();
        if (request.appId() != null && appIdOr(request.appId()).isEmpty()) {
            return invalid("appId is not an app of the simulator");
        }
        paidQuota.set(request.appId(), blank(request.spuId()) ? null : request.spuId(), request.all(), used);
        return Response.noContent().build();
    }

    @PUT
    @Path("/bench-mode")
    public Response benchMode(@Valid @NotNull(message = "enabled is required") Switch request) {
        codes.benchMode(request.enabled());
        return Response.noContent().build();
    }

    @PUT
    @Path("/open-interface")
    public Response openInterface(@Valid @NotNull(message = "enabled is required") Switch request) {
        tokens.openInterface(request.enabled());
        return Response.noContent().build();
    }

    @POST
    @Path("/cloudbase-tokens")
    public Response cloudbaseToken(CloudbaseTokenRequest request) {
        Optional<String> appId = appIdOr(request == null ? null : request.appId());
        if (appId.isEmpty()) {
            return invalid("appId is not an app of the simulator");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", tokens.mintCloudbaseToken(appId.get()));
        body.put("expiresInSeconds", SimulatedTokens.CLOUDBASE_LIFETIME.toSeconds());
        return Response.status(Response.Status.CREATED).entity(body).build();
    }

    private Optional<String> appIdOr(String appId) {
        if (blank(appId)) {
            return apps.resolve(Optional.empty()).or(() -> apps.all().stream().findFirst()).map(WechatApp::appId);
        }
        return tokens.knows(appId) ? Optional.of(appId) : Optional.empty();
    }

    /** WeChat's purePhoneNumber: the number without the {@code +<country code>} prefix and spaces. */
    static String purePhone(String phoneNumber, String countryCode) {
        String compact = phoneNumber.replace(" ", "").replace("-", "");
        String prefix = "+" + countryCode;
        return compact.startsWith(prefix) ? compact.substring(prefix.length()) : compact;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A control request that breaks a constraint: the simulator's own 400 problem, naming the first broken rule. */
    @ServerExceptionMapper
    Response invalidControlRequest(ConstraintViolationException e) {
        return invalid(
                e.getConstraintViolations().stream().map(v -> v.getMessage()).sorted().findFirst().orElse("invalid request"));
    }

    private static Response invalid(String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:phone-gateway:problem:simulator-invalid-request");
        problem.put("title", "Invalid simulator request");
        problem.put("status", 400);
        problem.put("detail", detail);
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }
}
