package io.phonegateway.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.phonegateway.config.PhoneComponent;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;

/**
 * Reads a {@code POST /phone} body strictly: well-formed UTF-8, one JSON object, no duplicate keys, shallow,
 * with {@code code} and the optional {@code appId} and {@code openid} as strings of visible ASCII. Every
 * refusal names the field and the rule, never the value. Unknown fields are ignored, so callers may send more
 * in future.
 */
final class PhoneRequestParser {

    static final int MAX_CODE_LENGTH = 128;
    static final int MAX_ID_LENGTH = 128;
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(4096).build())
            .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PhoneRequestParser() {
    }

    static PhoneRequest parse(byte[] body) {
        JsonNode root = readObject(body, "code");
        String code = requiredString(root, "code", MAX_CODE_LENGTH);
        return new PhoneRequest(code, optionalString(root, "appId", MAX_ID_LENGTH),
                optionalString(root, "openid", MAX_ID_LENGTH), component(root));
    }

    /** The optional {@code component}: {@code quick} or {@code realtime}, nothing else. */
    static Optional<PhoneComponent> component(JsonNode root) {
        return optionalString(root, "component", MAX_ID_LENGTH).map(label -> PhoneComponent.ofLabel(label)
                .orElseThrow(() -> invalid("'component' must be quick or realtime")));
    }

    /** The body as one JSON object, read by the rules above; {@code requiredField} names what an empty body lacks. */
    static JsonNode readObject(byte[] body, String requiredField) {
        JsonNode root = readTree(body, requiredField);
        if (root == null || !root.isObject()) {
            throw invalid("The body must be a JSON object");
        }
        return root;
    }

    private static JsonNode readTree(byte[] body, String requiredField) {
        if (body == null || body.length == 0) {
            throw invalid("The body is empty; expected a JSON object with a '" + requiredField + "'");
        }
        // Strict UTF-8 first: Jackson would decode overlong forms (0xC0 0xAF is '/') and guess UTF-16 or UTF-32.
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("The body is not valid UTF-8");
        }
        try (JsonParser parser = STRICT.createParser(text)) {
            return STRICT.readTree(parser);
        } catch (StreamConstraintsException e) {
            throw invalid(String.valueOf(e.getOriginalMessage()).contains("nesting")
                    ? "The body nests JSON deeper than 16 levels"
                    : "The body holds a JSON string or number beyond the parser's limits");
        } catch (JsonParseException e) {
            throw invalid(duplicateKey(e) ? "The body repeats a key (each of 'code', 'appId', 'openid' at most once)"
                    : "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw invalid("The body is not valid JSON");
        }
    }

    /** Jackson's STRICT_DUPLICATE_DETECTION fails with "Duplicate field 'x'"; the key itself is not repeated back. */
    private static boolean duplicateKey(JsonParseException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field");
    }

    static String requiredString(JsonNode root, String field, int maxLength) {
        return optionalString(root, field, maxLength)
                .orElseThrow(() -> invalid("'" + field + "' is required"));
    }

    static Optional<String> optionalString(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalid("'" + field + "' must be a string");
        }
        String value = node.textValue();
        if (value.isBlank()) {
            throw invalid("'" + field + "' must not be blank");
        }
        if (value.length() > maxLength) {
            throw invalid("'" + field + "' must be at most " + maxLength + " characters");
        }
        if (!VISIBLE_ASCII.matcher(value).matches()) {
            throw invalid("'" + field + "' may hold only visible ASCII characters (0x21-0x7E)");
        }
        return Optional.of(value);
    }

    static GatewayException invalid(String detail) {
        return GatewayException.of(ProblemCode.INVALID_REQUEST, detail);
    }
}
