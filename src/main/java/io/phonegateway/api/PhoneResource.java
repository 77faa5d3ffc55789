package io.phonegateway.api;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;

import io.phonegateway.config.AppRegistry;
import io.phonegateway.config.WechatApp;
import io.phonegateway.lookup.GatewayException;
import io.phonegateway.lookup.LookupTrace;
import io.phonegateway.lookup.PhoneLookupService;
import io.phonegateway.lookup.ProblemCode;
import io.smallrye.mutiny.Uni;

/** {@code POST /phone}: a phone code in, normalized phone info out (CONTRACT §1). */
@Path("/phone")
public class PhoneResource {

    private final AppRegistry apps;
    private final PhoneLookupService lookups;

    PhoneResource(AppRegistry apps, PhoneLookupService lookups) {
        this.apps = apps;
        this.lookups = lookups;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PhoneResponse> lookup(byte[] body, @RestHeader("X-WX-CLOUDBASE-ACCESS-TOKEN") String cloudbaseToken,
            @RestHeader("Content-Type") String contentType) {
        if (contentType == null) { // JAX-RS lets a request without Content-Type match @Consumes; the contract does not
            throw new GatewayException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send 'Content-Type: application/json'");
        }
        if (body != null && body.length > BodyLimitFilter.MAX_BODY_BYTES) {
            throw new GatewayException(ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 4 KiB");
        }
        PhoneRequest request = PhoneRequestParser.parse(body);
        WechatApp app = apps.resolve(request.appId()).orElseThrow(() -> new GatewayException(ProblemCode.UNKNOWN_APP,
                request.appId().isPresent()
                        ? "'appId' is not an app configured on this gateway"
                        : "'appId' is required: several apps are configured and no default app is set"));
        LookupTrace trace = new LookupTrace();
        return lookups.lookup(app, request.code(), request.openid().orElse(null),
                Optional.ofNullable(cloudbaseToken).filter(t -> !t.isBlank()), trace).map(PhoneResponse::of);
    }
}
