package ai.altertable.reactive.mock.internal.lakehouse;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Locale;

/**
 * Strict reading of JSON request bodies with the protocol's rejections (§12): a content type that is not JSON is 415,
 * a syntax error 400, a missing or mistyped field 422. Like the official mock, unknown keys are ignored and an explicit
 * {@code null} counts as absent for optional fields.
 */
final class JsonBody {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Checks the content type as axum's {@code Json} extractor does. */
    static void requireJsonContentType(String contentType) {
        if (contentType == null) {
            throw Rejection.notJson();
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean json = mime.equals("application/json")
                || (mime.startsWith("application/") && mime.endsWith("+json"));
        if (!json) {
            throw Rejection.notJson();
        }
    }

    /** Parses a body that must be a JSON object. */
    static JsonBody parseObject(byte[] body, String typeName) {
        JsonNode parsed = parse(body);
        if (!(parsed instanceof ObjectNode)) {
            throw Rejection.badShape("invalid type: " + describe(parsed) + ", expected struct " + typeName);
        }
        return new JsonBody((ObjectNode) parsed);
    }

    /** Parses any JSON value; a syntax error (or an empty body) is the 400 rejection. */
    static JsonNode parse(byte[] body) {
        try (JsonParser p = MAPPER.createParser(body)) {
            JsonNode n = MAPPER.readTree(p);
            if (n == null || n.isMissingNode()) {
                throw Rejection.badJson("EOF while parsing a value at line 1 column 0");
            }
            return n;
        } catch (JsonParseException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.startsWith("Duplicate field '")) {
                int end = m.indexOf('\'', 17);
                throw Rejection.badShape("duplicate field `" + (end > 17 ? m.substring(17, end) : "?") + "`");
            }
            throw Rejection.badJson(e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw Rejection.badJson(e.getMessage());
        }
    }

    private static String location(JsonParseException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
    }

    static String describe(JsonNode n) {
        JsonNodeType t = n.getNodeType();
        switch (t) {
            case STRING: return "string \"" + n.asText() + "\"";
            case NUMBER: return (n.isIntegralNumber() ? "integer `" : "floating point `") + n.asText() + "`";
            case BOOLEAN: return "boolean `" + n.asText() + "`";
            case NULL: return "null";
            case ARRAY: return "sequence";
            case OBJECT: return "map";
            default: return t.name().toLowerCase(Locale.ROOT);
        }
    }

    ObjectNode node() {
        return node;
    }

    /** A required string field; null, absent or another type is 422. */
    String requireString(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw Rejection.badShape("missing field `" + field + "`");
        }
        if (!v.isTextual()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a string");
        }
        return v.textValue();
    }

    String optionalString(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a string");
        }
        return v.textValue();
    }

    Boolean optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a boolean");
        }
        return v.booleanValue();
    }

    /** An optional unsigned integer (u64 in the official mock); negative values and fractions are 422. */
    Long optionalUnsigned(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected u64");
        }
        long l = v.longValue();
        if (l < 0) {
            throw Rejection.badShape("invalid value: integer `" + l + "`, expected u64");
        }
        return l;
    }

    /** A boolean that, unlike the others, must not be {@code null} when present (explain's {@code include_plan}). */
    boolean strictBoolean(String field, boolean dflt) {
        JsonNode v = node.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a boolean");
        }
        return v.booleanValue();
    }

}
