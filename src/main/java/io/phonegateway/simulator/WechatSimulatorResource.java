package io.phonegateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The WeChat endpoints the gateway calls (README "The simulator"), with WeChat's semantics and injectable faults.
 * Served only when {@code phone-gateway.simulator.enabled=true}; never in production.
 */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WechatSimulatorResource {

    private final SimulatedTokens tokens;
    private final SimulatedCodes codes;
    private final FaultPlan faults;
    private final CallStats stats;
    private final ObjectMapper json;
    private final SimulatedPaidQuota paidQuota;
    private final SimulatedLogins logins;

    WechatSimulatorResource(SimulatedTokens tokens, SimulatedCodes codes, FaultPlan faults, CallStats stats,
            ObjectMapper json, SimulatedPaidQuota paidQuota, SimulatedLogins logins) {
        this.paidQuota = paidQuota;
        this.logins = logins;
        this.tokens = tokens;
        this.codes = codes;
        this.faults = faults;
        this.stats = stats;
        this.json = json;
    }

    @POST
    @Path("/wxa/business/getuserphonenumber")
    public Uni<Response> getUserPhoneNumber(@RestQuery("access_token") String accessToken,
            @RestQuery("cloudbase_access_token") String cloudbaseAccessToken, String body) {
        Optional<JsonNode> request = parse(body);
        String code = request.map(r -> text(r, "code")).orElse(null);
        return answer(SimulatedApi.GETUSERPHONENUMBER, code, () -> {
            if (request.isEmpty()) {
                return SimulatedAnswer.error(47001, "data format error");
            }
            SimulatedTokens.Check credential = cloudbaseAccessToken != null
                    ? tokens.checkCloudbaseToken(cloudbaseAccessToken)
                    : tokens.checkAccessToken(accessToken);
            if (!credential.ok()) {
                return SimulatedAnswer.error(credential.errcode(), credential.errmsg());
            }
            String openid = text(request.get(), "openid");
            if (codes.ownedByAnother(code, credential.appId(), openid)) {
                return SimulatedAnswer.error(logins.foreignOpenidErrcode(), "openid does not match the code");
            }
            return codes.redeem(code, credential.appId(), openid)
                    .map(this::phoneInfo)
                    .orElseGet(() -> SimulatedAnswer.error(40029, "invalid code hint: [" + SimulatedAnswer.opaque(6) + "]"));
        });
    }

    @POST
    @Path("/cgi-bin/stable_token")
    public Uni<Response> stableToken(String body) {
        Optional<JsonNode> request = parse(body);
        return answer(SimulatedApi.STABLE_TOKEN, null, () -> {
            if (request.isEmpty()) {
                return SimulatedAnswer.error(47001, "data format error");
            }
            JsonNode r = request.get();
            if (!"client_credential".equals(text(r, "grant_type"))) {
                return SimulatedAnswer.error(40002, "invalid grant_type");
            }
            return tokens.stable(text(r, "appid"), text(r, "secret"), r.path("force_refresh").asBoolean(false));
        });
    }

    @GET
    @Path("/cgi-bin/stable_token")
    public Map<String, Object> stableTokenByGet() {
        return SimulatedAnswer.error(43002, "require POST method");
    }

    @GET
    @Path("/cgi-bin/token")
    public Uni<Response> token(@RestQuery("grant_type") String grantType, @RestQuery("appid") String appId,
            @RestQuery("secret") String secret) {
        return answer(SimulatedApi.TOKEN, null, () -> "client_credential".equals(grantType)
                ? tokens.classic(appId, secret)
                : SimulatedAnswer.error(40002, "invalid grant_type"));
    }

    /** {@code auth.code2Session}: the app's secret instead of a token; the login code is single-use. */
    @GET
    @Path("/sns/jscode2session")
    public Uni<Response> jscode2session(@RestQuery("appid") String appId, @RestQuery("secret") String secret,
            @RestQuery("js_code") String jsCode, @RestQuery("grant_type") String grantType) {
        return answerSpending(SimulatedApi.JSCODE2SESSION, () -> logins.consume(jsCode), () -> {
            if (!"authorization_code".equals(grantType)) {
                return SimulatedAnswer.error(40002, "invalid grant_type");
            }
            return tokens.refuse(appId, secret).orElseGet(() -> logins.exchange(appId, jsCode));
        });
    }

    @GET
    @Path("/wxa/charge/usage/get")
    public Uni<Response> chargeUsage(@RestQuery("access_token") String accessToken,
            @RestQuery("cloudbase_access_token") String cloudbaseAccessToken, @RestQuery("spuId") String spuId) {
        return answer(SimulatedApi.CHARGE_USAGE, null, () -> {
            SimulatedTokens.Check credential = cloudbaseAccessToken != null
                    ? tokens.checkCloudbaseToken(cloudbaseAccessToken)
                    : tokens.checkAccessToken(accessToken);
            if (!credential.ok()) {
                return SimulatedAnswer.error(credential.errcode(), credential.errmsg());
            }
            return spuId == null || spuId.isBlank()
                    ? SimulatedAnswer.error(10120002, "invalid param spuId")
                    : paidQuota.answer(credential.appId(), spuId);
        });
    }

    /** Counts the call, then answers normally or as the next queued fault says. */
    private Uni<Response> answer(SimulatedApi api, String code, Supplier<Map<String, Object>> normal) {
        return answerSpending(api, () -> codes.consume(code), normal);
    }

    /** As above; {@code consume} spends the request's code when a fault says the request arrived. */
    private Uni<Response> answerSpending(SimulatedApi api, Runnable consume, Supplier<Map<String, Object>> normal) {
        stats.called(api);
        Optional<Fault> fault = faults.take(api);
        if (fault.isPresent() && fault.get().consumeCode()) {
            consume.run();
        }
        if (fault.isEmpty() || fault.get().type() == Fault.Type.DELAY) {
            Response response = Response.ok(normal.get(), MediaType.APPLICATION_JSON).build();
            Uni<Response> answer = Uni.createFrom().item(response);
            return fault.isEmpty() ? answer : answer.onItem().delayIt().by(Duration.ofMillis(fault.get().delayMillis()));
        }
        return Uni.createFrom().item(faultAnswer(fault.get()));
    }

    private static Response faultAnswer(Fault fault) {
        return switch (fault.type()) {
            case ERRCODE -> Response.ok(SimulatedAnswer.error(fault.errcode(), "simulated fault"),
                    MediaType.APPLICATION_JSON).build();
            case HTTP_STATUS -> Response.status(fault.httpStatus())
                    .entity("<html><body>" + fault.httpStatus() + " simulated</body></html>")
                    .type(MediaType.TEXT_HTML).build();
            case MALFORMED -> Response.ok("{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":",
                    MediaType.APPLICATION_JSON).build();
            case DELAY -> throw new IllegalStateException("delays answer normally");
        };
    }

    private Map<String, Object> phoneInfo(MintedCode code) {
        stats.phoneSucceeded();
        Map<String, Object> watermark = new LinkedHashMap<>();
        watermark.put("timestamp", Instant.now().getEpochSecond());
        watermark.put("appid", code.appId());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("phoneNumber", code.phoneNumber());
        info.put("purePhoneNumber", code.purePhoneNumber());
        info.put("countryCode", code.countryCodeAsNumber() ? (Object) Integer.valueOf(code.countryCode()) : code.countryCode());
        info.put("watermark", watermark);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        body.put("phone_info", info);
        return body;
    }

    private Optional<JsonNode> parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
