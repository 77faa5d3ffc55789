package io.phonegateway.api;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.ledger.Ledger;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /usage}: the paid-lookup ledger for callers with the admin scope, as JSON or CSV (README "Cost and privacy"). */
@Path(LookupPath.USAGE)
public class UsageResource {

    static final String CSV = "text/csv";
    static final String USAGE_EXAMPLE = """
            {"from": "2026-12-01", "to": "2026-12-01", "currency": "CNY",
             "rows": [{"day": "2026-12-01", "app": "shop", "appId": "wx4f4bc4dec97d474b", "caller": "orders", "component": "quick",
                       "paid": 120, "cost": 3.60, "saved": 7, "savedCost": 0.21}],
             "totals": {"paid": 120, "cost": 3.60, "saved": 7, "savedCost": 0.21}}""";
    static final String CSV_EXAMPLE = "day,app,app_id,caller,component,paid,cost_cny,saved,saved_cny\r\n"
            + "2026-12-01,shop,wx4f4bc4dec97d474b,orders,quick,120,3.60,7,0.21\r\n";

    private final AppRegistry apps;
    private final CallerScopes scopes;
    private final Ledger ledger;
    private final int retentionDays;

    UsageResource(AppRegistry apps, CallerScopes scopes, Ledger ledger, GatewayConfig config) {
        this.apps = apps;
        this.scopes = scopes;
        this.ledger = ledger;
        this.retentionDays = config.ledger().retentionDays();
    }

    /** Problem answers are documented by {@link PhoneApiDocs}. */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Tag(name = "usage", description = "What the paid phone exchanges cost, by caller")
    @Operation(operationId = "usage", summary = "Paid phone exchanges, estimated cost and result-cache savings per China day, app, caller and component", description = "For callers with the admin scope (phone-gateway.auth.scopes.<client>.admin=true). "
            + "Counts every number WeChat handed out, by the component the request named (or the app's default), and the "
            + "answers the result cache gave instead (not charged again). Costs are estimates: counts times the configured "
            + "price. Send `Accept: text/csv` for CSV. Only apps in the caller's scope are shown. The answering replica's own "
            + "counts are written before it reads; another replica's arrive within phone-gateway.ledger.flush-interval "
            + "(100 ms by default).")
    @SecurityRequirement(name = PhoneApiDocs.SECURITY_SCHEME)
    @APIResponse(responseCode = "200", description = "The ledger of the range", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageResponse.class), examples = @ExampleObject(name = "one day", value = USAGE_EXAMPLE)),
            @Content(mediaType = CSV, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING), examples = @ExampleObject(name = "one day", value = CSV_EXAMPLE)) })
    public Uni<Response> usage(
            @Parameter(description = "An app's configured name or appid; default: every app in the caller's scope") @RestQuery String app,
            @Parameter(description = "First China day, ISO date (2026-12-01); default: `to`") @RestQuery String from,
            @Parameter(description = "Last China day, included, ISO date; default: today in China") @RestQuery String to,
            @Parameter(description = "Only this caller (API key client name)") @RestQuery String caller,
            @Context HttpHeaders headers, @Context RoutingContext routing) {
        CallerScope scope = scopes.of(routing);
        scope.requireAdmin();
        UsageQuery query = UsageQuery.parse(app, from, to, caller, retentionDays);
        List<WechatApp> selected = query.app().map(name -> {
            WechatApp chosen = apps.all().stream().filter(a -> a.name().equals(name) || a.appId().equals(name))
                    .findFirst().orElseThrow(() -> GatewayException.of(ProblemCode.UNKNOWN_APP,
                            "'app' names no app configured on this gateway"));
            scope.requireApp(chosen);
            return List.of(chosen);
        }).orElseGet(() -> apps.all().stream().filter(scope::mayUse).toList());
        boolean csv = wantsCsv(headers);
        return ledger.usage(selected, query.from(), query.to(), query.caller())
                .onFailure(Ledger.Unavailable.class).transform(failure -> GatewayException.of(ProblemCode.LEDGER_UNAVAILABLE,
                        "The ledger's store (Redis) did not answer; try again shortly").retryAfter(Duration.ofSeconds(5)))
                .map(rows -> UsageResponse.of(query.from().toString(), query.to().toString(), rows))
                .map(usage -> csv
                        ? Response.ok(usage.csv(), CSV + "; charset=UTF-8").header("Content-Disposition",
                                "attachment; filename=\"usage-" + usage.from() + "-" + usage.to() + ".csv\"").build()
                        : Response.ok(usage, MediaType.APPLICATION_JSON).build());
    }

    /** CSV only when the caller prefers it to JSON ({@code Accept: text/csv}); JSON otherwise. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }
}
