package io.phonegateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.phonegateway.problem.ProblemCode;
import io.phonegateway.testsupport.RedisServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /q/openapi} documents POST /phone with every status and problem code of the contract, each with an example. */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class OpenApiTest {

    @Test
    void everyProblemOfPostPhoneIsDocumentedWithAnExample() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> responses = doc.getMap("paths.'/phone'.post.responses");

        assertThat(responses).containsKey("200");
        assertThat(doc.getMap("paths.'/phone'.post.responses.'200'.content.'application/json'.examples")).isNotEmpty();
        for (ProblemCode code : ProblemCode.values()) {
            if (code == ProblemCode.NOT_FOUND || code == ProblemCode.METHOD_NOT_ALLOWED
                    || PhoneApiDocs.LOGIN_ONLY.contains(code) || PhoneApiDocs.USAGE_ONLY.contains(code)) {
                continue;
            }
            String example = "paths.'/phone'.post.responses.'" + code.status()
                    + "'.content.'application/problem+json'.examples."
                    + code.name() + ".value";
            assertThat(doc.getString(example + ".code")).as(code.name()).isEqualTo(code.name());
            assertThat(doc.getString(example + ".type")).isEqualTo(code.type());
            assertThat(doc.getInt(example + ".status")).isEqualTo(code.status());
        }
        assertThat(doc.getString("paths.'/phone'.post.responses.'503'.headers.'Retry-After'.description")).isNotBlank();
        assertThat(doc.getString("components.securitySchemes.apiKey.scheme")).isEqualTo("bearer");
        assertThat(doc.getList("paths.'/phone'.post.security")).isNotEmpty();
        assertThat(doc.getMap("paths")).doesNotContainKey("/simulator/cgi-bin/stable_token");
        assertThat(doc.getList("paths.'/phone'.post.parameters.name")).contains("X-Request-Id");
        // the fields every caller's view sends; the number's fields depend on the caller's phone output (issue 20)
        assertThat(doc.getList("components.schemas.PhoneResponse.required"))
                .containsExactlyInAnyOrder("countryCode", "regionCode", "watermark");
        assertThat(doc.getMap("components.schemas.PhoneResponse.properties")).containsKeys("phoneNumber", "purePhoneNumber",
                "e164", "phoneHash");
    }

    @Test
    void everyProblemOfPostLoginIsDocumentedAndPhoneKeepsItsOwn() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(doc.getString("paths.'/login'.post.requestBody.content.'application/json'.schema.'$ref'"))
                .endsWith("LoginRequest");
        assertThat(doc.getMap("paths.'/login'.post.responses.'200'.content.'application/json'.examples")).isNotEmpty();
        for (ProblemCode code : ProblemCode.values()) {
            if (code == ProblemCode.NOT_FOUND || code == ProblemCode.METHOD_NOT_ALLOWED
                    || PhoneApiDocs.USAGE_ONLY.contains(code)) {
                continue;
            }
            String example = "paths.'/login'.post.responses.'" + code.status()
                    + "'.content.'application/problem+json'.examples."
                    + code.name() + ".value";
            assertThat(doc.getString(example + ".code")).as(code.name()).isEqualTo(code.name());
        }
        assertThat(doc.getString("paths.'/login'.post.responses.'429'.headers.'Retry-After'.description")).isNotBlank();
        assertThat(doc.getList("paths.'/login'.post.security")).isNotEmpty();
        assertThat(doc.getList("paths.'/login'.post.parameters.findAll { it.description != null }.name"))
                .containsExactlyInAnyOrder("X-WX-OPENID", "X-WX-UNIONID", "X-WX-CLOUDBASE-ACCESS-TOKEN", "X-Request-Id");
        for (ProblemCode loginOnly : PhoneApiDocs.LOGIN_ONLY) {
            Map<String, Object> phoneExamples = doc.getMap("paths.'/phone'.post.responses.'" + loginOnly.status()
                    + "'.content.'application/problem+json'.examples");
            assertThat(phoneExamples == null ? Map.of() : phoneExamples).as(loginOnly.name())
                    .doesNotContainKey(loginOnly.name());
        }
        assertThat(doc.getMap("components.schemas.LoginResponse.properties")).containsOnlyKeys("openid", "unionid", "phone");
    }

    @Test
    void usageIsDocumentedAsJsonAndCsvWithItsProblems() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(doc.getString("paths.'/usage'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .endsWith("Usage");
        assertThat(doc.getMap("paths.'/usage'.get.responses.'200'.content.'text/csv'.examples")).isNotEmpty();
        assertThat(doc.getList("paths.'/usage'.get.parameters.name")).contains("app", "from", "to", "caller", "X-Request-Id");
        for (ProblemCode code : PhoneApiDocs.OF_USAGE) {
            assertThat(doc.getString("paths.'/usage'.get.responses.'" + code.status()
                    + "'.content.'application/problem+json'.examples." + code.name() + ".value.code")).as(code.name())
                    .isEqualTo(code.name());
        }
        assertThat(doc.getList("paths.'/usage'.get.security")).isNotEmpty();
        assertThat(doc.getList("components.schemas.PhoneRequest.properties.component.enum")).containsExactly("quick",
                "realtime");
    }

    /** Framework types injected into a resource method (RoutingContext, HttpHeaders) are no part of the contract. */
    @Test
    void noOperationTakesABodyItDoesNotReadAndNoFrameworkTypeIsASchema() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(doc.getMap("paths.'/usage'.get")).doesNotContainKey("requestBody");
        assertThat(doc.getMap("components.schemas").keySet()).doesNotContain("RoutingContext", "Session", "Buffer",
                "ByteBuf", "User");
    }

    @Test
    void swaggerUiIsServedInDevAndTest() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
