package io.phonegateway.api;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.phonegateway.lookup.PhoneLookupService;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /phone}: a phone code in, normalized phone info out (README "API"). */
@Path("/phone")
public class PhoneResource {

    static final String PHONE_REQUEST_EXAMPLE = """
            {"code": "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144", "appId": "wx4f4bc4dec97d474b"}""";
    static final String PHONE_RESPONSE_EXAMPLE = """
            {"phoneNumber": "13800138000", "purePhoneNumber": "13800138000", "countryCode": "86", "e164": "+8613800138000",
             "regionCode": "CN", "watermark": {"appId": "wx4f4bc4dec97d474b", "timestamp": 1637744274}}""";

    private final PhoneExchanges exchanges;
    private final PhoneLookupService lookups;
    private final PhoneViews views;

    PhoneResource(PhoneExchanges exchanges, PhoneLookupService lookups, PhoneViews views) {
        this.exchanges = exchanges;
        this.lookups = lookups;
        this.views = views;
    }

    /** Problem answers (every status of README's API table, with examples) are documented by {@link PhoneApiDocs}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "phone", description = "WeChat mini-program phone numbers")
    @Operation(operationId = "lookupPhone", summary = "Exchange a getPhoneNumber code for the user's phone number", description = "Exchanges the code at WeChat (getuserphonenumber) with the app's access token and answers normalized "
            + "phone info. A code is single-use at WeChat; the gateway keeps a successful result for the code's lifetime, "
            + "so a retry with the same code gets the same answer.\n\n"
            + "**Try it out** (dev mode, `./mvnw quarkus:dev`): the example code below is never valid; mint one at the "
            + "built-in simulator first, as a user tapping the button would, and paste the `code` and `appId` it answers:\n\n"
            + "`curl -s -X POST localhost:8080/simulator/control/codes -H 'Content-Type: application/json' "
            + "-d '{\"phoneNumber\":\"13800138000\"}'`\n\n"
            + "Each code works once; "
            + "the same code again is answered from the result cache.")
    @SecurityRequirement(name = PhoneApiDocs.SECURITY_SCHEME)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PhoneRequest.class), examples = @ExampleObject(name = "code", value = PHONE_REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The user's phone number, normalized", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PhoneResponse.class), examples = @ExampleObject(name = "CN number", value = PHONE_RESPONSE_EXAMPLE)))
    public Uni<PhoneResponse> lookup(byte[] body,
            @Parameter(in = ParameterIn.HEADER, description = "Only for token mode `cloudbase` (WeChat Cloud Hosting, which"
                    + " gives the caller this token): the caller's cloudbase_access_token. Ignored in every other mode: leave it out.") @RestHeader("X-WX-CLOUDBASE-ACCESS-TOKEN") String cloudbaseToken,
            RoutingContext routing) {
        LookupRecord record = LookupRecord.of(routing);
        PhoneRequest request = PhoneRequestParser.parse(body);
        PhoneExchanges.Exchange exchange = exchanges.open(routing, record, request.appId(), request.component());
        return lookups.lookup(exchange.app, request.code(), request.openid().orElse(null),
                Optional.ofNullable(cloudbaseToken).filter(t -> !t.isBlank()), record.trace)
                .invoke(result -> {
                    if (record.trace.fromResultCache() || record.trace.joined()) {
                        exchange.countSaved();
                    }
                })
                .map(result -> views.view(result, exchange.scope.output()));
    }
}
