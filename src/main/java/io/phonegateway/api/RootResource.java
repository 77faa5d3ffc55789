package io.phonegateway.api;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;

/**
 * {@code GET /}: the first thing a new user tries. A browser is sent to Swagger UI; anything else gets a 404
 * problem that names the API and where its documentation is, instead of a bare 404.
 */
@Path("/")
public class RootResource {

    static final String SWAGGER_UI = "/q/swagger-ui/";

    @GET
    @Operation(hidden = true)
    public Response root(@HeaderParam("Accept") String accept) {
        if (accept != null && accept.contains("text/html")) {
            return Response.seeOther(URI.create(SWAGGER_UI)).build();
        }
        throw GatewayException.of(ProblemCode.NOT_FOUND, "Nothing is served at '/': the API is POST /phone; its OpenAPI"
                + " document is at /q/openapi and Swagger UI at " + SWAGGER_UI);
    }
}
