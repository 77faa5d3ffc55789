package io.phonegateway.api;

import java.util.Optional;
import java.util.regex.Pattern;

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

import io.phonegateway.lookup.LoginService;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /login}: a {@code wx.login} code (and optionally a phone code) in, the user (and number) out (CONTRACT §1). */
@Path(LookupPath.LOGIN)
public class LoginResource {

    static final String LOGIN_REQUEST_EXAMPLE = """
            {"loginCode": "0a3b5c7d9e1f0a3b5c7d9e1f0a3b5c7d", "phoneCode": "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144", "appId": "wx4f4bc4dec97d474b"}""";
    static final String LOGIN_RESPONSE_EXAMPLE = """
            {"openid": "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "unionid": "o6_bmasdasdsad6_2sgVt7hMZOPfL", "phone": {"phoneNumber": "13800138000",
             "purePhoneNumber": "13800138000", "countryCode": "86", "e164": "+8613800138000", "regionCode": "CN",
             "watermark": {"appId": "wx4f4bc4dec97d474b", "timestamp": 1637744274}}}""";
    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final PhoneExchanges exchanges;
    private final LoginService logins;
    private final PhoneViews views;

    LoginResource(PhoneExchanges exchanges, LoginService logins, PhoneViews views) {
        this.exchanges = exchanges;
        this.logins = logins;
        this.views = views;
    }

    /** Problem answers are documented by {@link PhoneApiDocs}, as for {@code POST /phone}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "phone", description = "WeChat mini-program phone numbers")
    @Operation(operationId = "login", summary = "Log a user in (wx.login code) and, with a phone code, get their phone number", description = "Exchanges the login code at WeChat (code2Session) for the user's openid and unionid; with a phoneCode, "
            + "exchanges it with that openid, so WeChat checks the number is this user's. The session_key never leaves the "
            + "gateway. Both codes are single-use; a retry with the same codes gets the same answer, and after a failed phone "
            + "part it repeats only the phone part. In token modes cloud and cloudbase the user comes from Cloud Hosting's "
            + "X-WX-OPENID and X-WX-UNIONID headers instead of code2Session.")
    @SecurityRequirement(name = PhoneApiDocs.SECURITY_SCHEME)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoginRequest.class), examples = @ExampleObject(name = "login and phone", value = LOGIN_REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The user, and their phone number when a phoneCode was sent", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LoginResponse.class), examples = @ExampleObject(name = "login and phone", value = LOGIN_RESPONSE_EXAMPLE)))
    public Uni<LoginResponse> login(byte[] body,
            @Parameter(name = "X-WX-OPENID", in = ParameterIn.HEADER, description = "Token modes cloud and cloudbase only: the user, as Cloud Hosting names it") @RestHeader("X-WX-OPENID") String cloudOpenid,
            @Parameter(name = "X-WX-UNIONID", in = ParameterIn.HEADER, description = "Token modes cloud and cloudbase only: the user's unionid, when there is one") @RestHeader("X-WX-UNIONID") String cloudUnionid,
            @Parameter(name = "X-WX-CLOUDBASE-ACCESS-TOKEN", in = ParameterIn.HEADER, description = "Token mode cloudbase only: the caller's cloudbase_access_token") @RestHeader("X-WX-CLOUDBASE-ACCESS-TOKEN") String cloudbaseToken,
            RoutingContext routing) {
        LookupRecord record = LookupRecord.of(routing);
        LoginRequest request = LoginRequest.parse(body); // a missing or other Content-Type is refused by JsonMediaTypeFilter
        PhoneExchanges.Exchange exchange = exchanges.open(routing, record, request.appId(), request.component());
        return logins.login(exchange.app, request.loginCode(), request.phoneCode(), cloudIdentity(cloudOpenid, cloudUnionid),
                Optional.ofNullable(cloudbaseToken).filter(t -> !t.isBlank()), record.trace)
                .invoke(result -> {
                    if (result.phone() != null && record.trace.fromResultCache()) {
                        exchange.countSaved();
                    }
                })
                .map(result -> LoginResponse.of(result, phone -> views.view(phone, exchange.scope.output())));
    }

    private static Optional<LoginService.CloudIdentity> cloudIdentity(String openid, String unionid) {
        if (openid == null || openid.isBlank()) {
            return Optional.empty();
        }
        if (!USER_ID.matcher(openid).matches()
                || (unionid != null && !unionid.isBlank() && !USER_ID.matcher(unionid).matches())) {
            throw GatewayException.of(ProblemCode.INVALID_REQUEST,
                    "X-WX-OPENID and X-WX-UNIONID must be 1 to 128 visible ASCII characters");
        }
        return Optional.of(new LoginService.CloudIdentity(openid, unionid == null || unionid.isBlank() ? null : unionid));
    }
}
