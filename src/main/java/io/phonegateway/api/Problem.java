package io.phonegateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;

/**
 * An RFC 9457 problem body with phone-gateway's extensions: {@code code} (stable, machine-readable),
 * {@code requestId}, and WeChat's {@code errcode} and {@code rid} when WeChat gave them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail, String requestId,
        Integer errcode, String rid) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ProblemCode code, String detail, String requestId) {
        return new Problem(code.type(), code.title(), code.status(), code.name(), detail, requestId, null, null);
    }

    static Problem of(GatewayException e, String requestId) {
        return new Problem(e.code().type(), e.code().title(), e.code().status(), e.code().name(), e.detail(), requestId,
                e.errcode().orElse(null), e.rid().orElse(null));
    }
}
