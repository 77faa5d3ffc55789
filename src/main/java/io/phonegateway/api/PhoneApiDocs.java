package io.phonegateway.api;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.phonegateway.problem.ProblemCode;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents every problem {@code POST /phone} and {@code POST /login} can answer, straight from {@link ProblemCode}, so the
 * document
 * cannot drift from the code: one response per status, one named example per problem code, the headers that
 * come with them, the {@code X-Request-Id} header, and the bearer-key security scheme. Runs at build time, so the stored
 * document has it too.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PhoneApiDocs implements OASFilter {

    static final String SECURITY_SCHEME = "apiKey";
    private static final String PROBLEM_SCHEMA = "Problem";
    private static final String EXAMPLE_REQUEST_ID = "3f1c2a9e-5b7d-4c1e-9a0b-8d6e2f4a1c3b";

    /** Problems a caller of POST /phone or /login never gets (another path or method, or only GET /usage). */
    private static final List<ProblemCode> NOT_OF_THIS_OPERATION = List.of(ProblemCode.NOT_FOUND,
            ProblemCode.METHOD_NOT_ALLOWED, ProblemCode.ADMIN_SCOPE_REQUIRED, ProblemCode.LEDGER_UNAVAILABLE);
    /** Problems only GET /usage answers. */
    static final List<ProblemCode> USAGE_ONLY = List.of(ProblemCode.ADMIN_SCOPE_REQUIRED, ProblemCode.LEDGER_UNAVAILABLE);
    /** What GET /usage answers besides 200. */
    static final List<ProblemCode> OF_USAGE = List.of(ProblemCode.INVALID_REQUEST, ProblemCode.UNKNOWN_APP,
            ProblemCode.UNAUTHORIZED, ProblemCode.APP_NOT_IN_SCOPE, ProblemCode.ADMIN_SCOPE_REQUIRED,
            ProblemCode.NOT_ACCEPTABLE, ProblemCode.RATE_LIMITED, ProblemCode.INTERNAL_ERROR,
            ProblemCode.LEDGER_UNAVAILABLE);
    /** Problems only POST /login answers: they are about the login code and its user. */
    static final List<ProblemCode> LOGIN_ONLY = List.of(ProblemCode.HIGH_RISK_USER, ProblemCode.INVALID_LOGIN_CODE,
            ProblemCode.PHONE_CODE_NOT_OF_USER, ProblemCode.LOGIN_RATE_LIMITED, ProblemCode.LOGIN_CODE_POSSIBLY_CONSUMED);

    private static final Map<ProblemCode, String> DETAILS = new EnumMap<>(Map.ofEntries(
            Map.entry(ProblemCode.INVALID_REQUEST, "'code' must be 1 to 128 visible ASCII characters"),
            Map.entry(ProblemCode.UNKNOWN_APP, "'appId' is not an app configured on this gateway"),
            Map.entry(ProblemCode.APP_NOT_IN_SCOPE,
                    "Caller orders may not use app game (phone-gateway.auth.scopes.orders.apps)"),
            Map.entry(ProblemCode.ADMIN_SCOPE_REQUIRED,
                    "GET /usage needs the admin scope (phone-gateway.auth.scopes.orders.admin=true)"),
            Map.entry(ProblemCode.LEDGER_UNAVAILABLE, "The ledger's store (Redis) did not answer; try again shortly"),
            Map.entry(ProblemCode.UNAUTHORIZED, "Send 'Authorization: Bearer <api-key>' with a key issued to your service"),
            Map.entry(ProblemCode.NOT_ACCEPTABLE, "Only application/json can be produced"),
            Map.entry(ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 4 KiB"),
            Map.entry(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json"),
            Map.entry(ProblemCode.INVALID_CODE,
                    "WeChat says the code does not exist, expired or was already used; the user must tap again"),
            Map.entry(ProblemCode.RATE_LIMITED, "This caller sent more lookups than its configured rate allows"),
            Map.entry(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred; see the logs for this requestId"),
            Map.entry(ProblemCode.NOT_IMPLEMENTED, "Only 'Transfer-Encoding: chunked' is supported; send the body as it is"),
            Map.entry(ProblemCode.CODE_POSSIBLY_CONSUMED,
                    "An attempt whose answer was lost was retried and WeChat then said the code is spent; the user must tap again"),
            Map.entry(ProblemCode.UPSTREAM_AUTH_FAILED,
                    "WeChat rejected the app's credentials, permissions or this host's IP on stable_token"),
            Map.entry(ProblemCode.UPSTREAM_ERROR, "WeChat answered an unexpected errcode on getuserphonenumber"),
            Map.entry(ProblemCode.UPSTREAM_BUSY, "WeChat answered busy (-1) on getuserphonenumber"),
            Map.entry(ProblemCode.UPSTREAM_RATE_LIMITED, "WeChat's frequency or quota limit on getuserphonenumber"),
            Map.entry(ProblemCode.UPSTREAM_UNAVAILABLE, "WeChat could not be reached"),
            Map.entry(ProblemCode.UPSTREAM_TIMEOUT, "The lookup's deadline of 5000 ms passed"),
            Map.entry(ProblemCode.HIGH_RISK_USER, "WeChat blocks this user's login: it rates the user high-risk"),
            Map.entry(ProblemCode.INVALID_LOGIN_CODE,
                    "WeChat says the login code does not exist, expired or was already used; call wx.login again"),
            Map.entry(ProblemCode.PHONE_CODE_NOT_OF_USER,
                    "WeChat refused the phone code for the logged-in user: it belongs to someone else"),
            Map.entry(ProblemCode.LOGIN_RATE_LIMITED, "WeChat allows each user a limited number of logins a minute"),
            Map.entry(ProblemCode.LOGIN_CODE_POSSIBLY_CONSUMED,
                    "An attempt whose answer was lost was repeated and WeChat then said the code is spent: the lost attempt most likely used it; call wx.login again")));

    private static final Map<ProblemCode, Integer> ERRCODES = new EnumMap<>(Map.ofEntries(
            Map.entry(ProblemCode.INVALID_CODE, 40029), Map.entry(ProblemCode.CODE_POSSIBLY_CONSUMED, 40029),
            Map.entry(ProblemCode.UPSTREAM_AUTH_FAILED, 40164), Map.entry(ProblemCode.UPSTREAM_ERROR, 47001),
            Map.entry(ProblemCode.UPSTREAM_BUSY, -1), Map.entry(ProblemCode.UPSTREAM_RATE_LIMITED, 45011),
            Map.entry(ProblemCode.HIGH_RISK_USER, 40226), Map.entry(ProblemCode.INVALID_LOGIN_CODE, 40029),
            Map.entry(ProblemCode.PHONE_CODE_NOT_OF_USER, 40003), Map.entry(ProblemCode.LOGIN_RATE_LIMITED, 45011),
            Map.entry(ProblemCode.LOGIN_CODE_POSSIBLY_CONSUMED, 40163)));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        openAPI.getComponents().addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description(
                        "An API key issued to the calling service (phone-gateway.auth.api-keys.<client>); required unless authentication is off"));
        document(openAPI, LookupPath.PATH, false);
        document(openAPI, LookupPath.LOGIN, true);
        PathItem usage = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(LookupPath.USAGE);
        if (usage != null && usage.getGET() != null) {
            document(usage.getGET(), OF_USAGE);
        }
    }

    private static void document(OpenAPI openAPI, String path, boolean login) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
        if (item == null || item.getPOST() == null) {
            return;
        }
        document(item.getPOST(), Arrays.stream(ProblemCode.values())
                .filter(code -> !NOT_OF_THIS_OPERATION.contains(code) && (login || !LOGIN_ONLY.contains(code)))
                .toList());
    }

    private static void document(Operation post, List<ProblemCode> problems) {
        Map<Integer, List<ProblemCode>> byStatus = problems.stream()
                .collect(Collectors.groupingBy(ProblemCode::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, codes) -> post.getResponses().addAPIResponse(Integer.toString(status),
                problemResponse(status, codes)));
        post.addParameter(OASFactory.createParameter().name(RequestIdFilter.HEADER).in(Parameter.In.HEADER).required(false)
                .description("Your id for this request, echoed on the response and in its log line; at most 64 of"
                        + " A-Z a-z 0-9 . _ : - (anything else is replaced by a new UUID)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        post.getResponses().getAPIResponses().values().forEach(response -> response.addHeader(RequestIdFilter.HEADER,
                header("The request's id: the caller's X-Request-Id when it was usable, else a new UUID")));
    }

    private static APIResponse problemResponse(int status, List<ProblemCode> codes) {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        codes.forEach(code -> media.addExample(code.name(), OASFactory.createExample()
                .summary(code.title()).value(example(code))));
        APIResponse response = OASFactory.createAPIResponse()
                .description(codes.stream().map(c -> "`" + c.name() + "`: " + c.title()).collect(Collectors.joining("; ")))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media));
        if (status == 429 || status == 503 || status == 504) {
            boolean aboutACode = codes.stream().anyMatch(code -> code.name().startsWith("UPSTREAM_"));
            response.addHeader("Retry-After", header(status == 429 || !aboutACode ? "Seconds to wait before trying again"
                    : "Seconds to wait before retrying the same code (the lookup's result is kept for the retry)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        if (status == 401) {
            response.addHeader("WWW-Authenticate", header("Bearer realm=\"phone-gateway\""));
        }
        return response;
    }

    private static Map<String, Object> example(ProblemCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.type());
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("code", code.name());
        body.put("detail", DETAILS.getOrDefault(code, code.title()));
        body.put("requestId", EXAMPLE_REQUEST_ID);
        if (ERRCODES.containsKey(code)) {
            body.put("errcode", ERRCODES.get(code));
            body.put("rid", "6405d3a1-1b2c3d4e-5f6a7b8c");
        }
        return body;
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("URN of the problem, e.g. urn:phone-gateway:problem:invalid-code"));
        properties.put("title", string("Short, fixed summary of the problem"));
        properties.put("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("HTTP status"));
        properties.put("code", string("Stable machine-readable code to branch on")
                .enumeration(Arrays.stream(ProblemCode.values()).map(c -> (Object) c.name()).toList()));
        properties.put("detail",
                string("What went wrong in this case; never contains the code, a token, a secret or a phone number"));
        properties.put("requestId", string("The request's X-Request-Id"));
        properties.put("errcode", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                .description("WeChat's errcode, when WeChat gave one"));
        properties.put("rid", string("WeChat's request id from its errmsg, for WeChat's rid lookup, when WeChat gave one"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details with phone-gateway's extensions")
                .required(List.of("type", "title", "status", "code", "requestId"))
                .properties(properties);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
