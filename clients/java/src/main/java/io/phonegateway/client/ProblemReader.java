package io.phonegateway.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a failed answer into {@link ProblemDetails}. The body is read as plain JSON rather than through the generated
 * {@code Problem} model, whose {@code code} enum would refuse a code newer than this client; a body that is no JSON
 * problem (a proxy's error page) still gives the status and headers.
 */
final class ProblemReader {

    private final ObjectMapper json;

    ProblemReader(ObjectMapper json) {
        this.json = json;
    }

    ProblemDetails read(int status, HttpHeaders headers, String body, String sentRequestId) {
        JsonNode problem = parse(body);
        String requestId = text(problem, "requestId")
                .or(() -> headers == null ? Optional.empty() : headers.firstValue("X-Request-Id"))
                .orElse(sentRequestId);
        Integer errcode = problem.path("errcode").isIntegralNumber() ? problem.path("errcode").intValue() : null;
        return new ProblemDetails(status, text(problem, "code").orElse(null), text(problem, "title").orElse(null),
                text(problem, "detail").orElse(null), errcode, text(problem, "rid").orElse(null), requestId,
                retryAfter(headers).orElse(null));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The gateway sends delay-seconds; an HTTP date (which it never sends) is ignored. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.firstValue("Retry-After").map(String::trim).filter(v -> v.matches("[0-9]{1,9}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }
}
