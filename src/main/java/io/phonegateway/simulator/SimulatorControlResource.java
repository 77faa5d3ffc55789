package io.phonegateway.simulator;

import static io.phonegateway.simulator.ControlChecks.matches;
import static io.phonegateway.simulator.ControlChecks.notBlank;
import static io.phonegateway.simulator.ControlChecks.positive;
import static io.phonegateway.simulator.ControlChecks.zeroOrMore;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.PhoneComponent;
import io.phonegateway.config.WechatApp;
import io.phonegateway.simulator.ControlChecks.Checked;

/**
 * Drives the simulator from tests, demos and benchmarks: mint codes, inject faults, read counters, reset.
 * Served only when {@code phone-gateway.simulator.enabled=true}. README "Simulator" lists every call.
 */
@Path("/simulator/control")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulatorControlResource {

    private static final Pattern COUNTRY_CODE = Pattern.compile(" *[0-9]{1,4} *");
    private static final Pattern COMPONENT = Pattern.compile("quick|realtime");

    /**
     * {@code POST /control/codes}: a code for {@code phoneNumber}; {@code appId} defaults to the default app,
     * {@code lifetimeSeconds} to {@code phone-gateway.simulator.code-lifetime}.
     */
    public record MintRequest(String appId, String phoneNumber, String purePhoneNumber, String countryCode, String openid,
            Boolean countryCodeAsNumber, Long lifetimeSeconds, String component) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(notBlank(phoneNumber), "phoneNumber is required")
                    .require(matches(COUNTRY_CODE, countryCode), "countryCode must be 1 to 4 digits")
                    .require(zeroOrMore(lifetimeSeconds), "lifetimeSeconds must be 0 or more")
                    .require(matches(COMPONENT, component), "component must be quick or realtime").first();
        }
    }

    /** {@code POST /control/faults}: see {@link Fault}. */
    public record FaultRequest(String api, String type, Integer errcode, Integer httpStatus, Long delayMillis,
            Integer times, Boolean consumeCode) implements Checked {

        @Override
        public Optional<String> problem() {
            Fault.Type kind = faultType();
            return new ControlChecks()
                    .require(api != null && SimulatedApi.byLabel(api).isPresent(),
                            "api must be one of getuserphonenumber, stable_token, token, charge_usage, jscode2session")
                    .require(kind != null, "type must be one of errcode, http-status, malformed, delay")
                    .require(times == null || times > 0 || times == -1, "times must be positive, or -1 for until reset")
                    .require(kind != Fault.Type.ERRCODE || errcode != null, "errcode is required for type errcode")
                    .require(kind != Fault.Type.HTTP_STATUS || httpStatus != null && httpStatus >= 200 && httpStatus <= 599,
                            "httpStatus must be 200..599 for type http-status")
                    .require(kind != Fault.Type.DELAY || delayMillis != null && delayMillis >= 0,
                            "delayMillis must be 0 or more for type delay")
                    .first();
        }

        Fault.Type faultType() {
            try {
                return Fault.Type.of(String.valueOf(type));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public record AppRequest(String secret, Long tokenLifetimeSeconds) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(notBlank(secret), "secret is required")
                    .require(positive(tokenLifetimeSeconds), "tokenLifetimeSeconds must be positive").first();
        }
    }

    public record Switch(Boolean enabled) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(enabled != null, "enabled is required").first();
        }
    }

    public record CloudbaseTokenRequest(String appId) {
    }

    /**
     * {@code POST /control/login-codes}: a {@code wx.login} code of user {@code openid} (and {@code unionid}, when the
     * app is bound to an Open Platform account); with {@code phoneNumber}, also a phone code of the same user.
     * {@code sessionKey} defaults to a random one.
     */
    public record LoginMintRequest(String appId, String openid, String unionid, String sessionKey, String phoneNumber,
            String countryCode, Long lifetimeSeconds) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(notBlank(openid), "openid is required")
                    .require(matches(COUNTRY_CODE, countryCode), "countryCode must be 1 to 4 digits")
                    .require(zeroOrMore(lifetimeSeconds), "lifetimeSeconds must be 0 or more").first();
        }
    }

    /** {@code PUT /control/login-limit}: WeChat's per-user jscode2session limit (100 a minute). */
    public record LoginLimitRequest(Integer perMinute) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(perMinute != null, "perMinute is required")
                    .require(zeroOrMore(perMinute), "perMinute must be 0 or more").first();
        }
    }

    /** {@code PUT /control/high-risk}: jscode2session refuses this user's codes with 40226 while enabled. */
    public record HighRiskRequest(String openid, Boolean enabled) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(notBlank(openid), "openid is required")
                    .require(enabled != null, "enabled is required").first();
        }
    }

    /** {@code PUT /control/foreign-openid-errcode}: what getuserphonenumber answers for another user's openid. */
    public record ErrcodeRequest(Integer errcode) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(errcode != null, "errcode is required")
                    .require(errcode == null || errcode != 0, "errcode must not be 0").first();
        }
    }

    /**
     * {@code PUT /control/paid-quota}: the resource pack {@code /wxa/charge/usage/get} reports for {@code appId} and
     * {@code spuId} (each: every one when left out).
     */
    public record PaidQuotaRequest(Long all, Long used, String appId, String spuId) implements Checked {

        @Override
        public Optional<String> problem() {
            return new ControlChecks().require(all != null && all >= 0, "all is required and must be 0 or more")
                    .require(zeroOrMore(used), "used must be 0 or more").first();
        }
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
    public Response mintCode(MintRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "a JSON body is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
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
    public Response mintLoginCode(LoginMintRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "a JSON body is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
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
    public Response loginLimit(LoginLimitRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "perMinute is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        logins.perUserPerMinute(request.perMinute());
        return Response.noContent().build();
    }

    @PUT
    @Path("/high-risk")
    public Response highRisk(HighRiskRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "openid and enabled are required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        logins.highRisk(request.openid(), request.enabled());
        return Response.noContent().build();
    }

    @PUT
    @Path("/foreign-openid-errcode")
    public Response foreignOpenidErrcode(ErrcodeRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "errcode is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        logins.foreignOpenidErrcode(request.errcode());
        return Response.noContent().build();
    }

    @POST
    @Path("/faults")
    public Response addFault(FaultRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "a JSON body is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
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
    public Response putApp(@PathParam("appId") String appId, AppRequest request) {
        Optional<String> problem = new ControlChecks()
                .require(WechatApp.isAppId(appId), "appId must look like wx followed by 16 hex digits")
                .and(ControlChecks.problem(request, "secret is required")).first();
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        tokens.putAccount(appId, request.secret(),
                Optional.ofNullable(request.tokenLifetimeSeconds()).map(Duration::ofSeconds));
        return Response.noContent().build();
    }

    @PUT
    @Path("/paid-quota")
    public Response putPaidQuota(PaidQuotaRequest request) {
        Optional<String> problem = ControlChecks.problem(request, "all is required and must be 0 or more");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        long used = request.used() == null ? 0 : request.used();
        if (request.appId() != null && appIdOr(request.appId()).isEmpty()) {
            return invalid("appId is not an app of the simulator");
        }
        paidQuota.set(request.appId(), blank(request.spuId()) ? null : request.spuId(), request.all(), used);
        return Response.noContent().build();
    }

    @PUT
    @Path("/bench-mode")
    public Response benchMode(Switch request) {
        Optional<String> problem = ControlChecks.problem(request, "enabled is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        codes.benchMode(request.enabled());
        return Response.noContent().build();
    }

    @PUT
    @Path("/open-interface")
    public Response openInterface(Switch request) {
        Optional<String> problem = ControlChecks.problem(request, "enabled is required");
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
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

    /** A control request that breaks a rule: the simulator's own 400 problem, naming the (first) broken rule. */
    private static Response invalid(String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:phone-gateway:problem:simulator-invalid-request");
        problem.put("title", "Invalid simulator request");
        problem.put("status", 400);
        problem.put("detail", detail);
        return Response.status(400).type("application/problem+json").entity(problem).build();
    }
}
