package ai.altertable.reactive.mock.internal.lakehouse;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Strict reading of JSON request bodies with the protocol's rejections (§12): a content type that is not JSON is 415,
 * a syntax error 400, a missing or mistyped field 422. Like the official mock (serde), unknown keys are ignored and an
 * explicit {@code null} counts as absent for optional fields; a key given twice is 422 only when the request type
 * declares it (an ignored key may repeat, and in a free-form value such as an {@code /append} row the last one wins).
 */
final class JsonBody {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectNode node;
    private final Set<String> repeatedKeys;

    private JsonBody(ObjectNode node, Set<String> repeatedKeys) {
        this.node = node;
        this.repeatedKeys = repeatedKeys;
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
        return new JsonBody((ObjectNode) parsed, repeatedTopLevelKeys(body));
    }

    /** Keys that occur more than once in the (syntactically valid) top-level object. */
    private static Set<String> repeatedTopLevelKeys(byte[] body) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        try (JsonParser p = MAPPER.createParser(body)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (!seen.add(p.currentName())) {
                    repeated.add(p.currentName());
                }
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            throw Rejection.badJson(e.getMessage()); // not reached: the body parsed once already
        }
        return repeated;
    }

    /** The value of a declared field; a declared field given twice is serde's {@code duplicate field} error. */
    private JsonNode field(String name) {
        if (repeatedKeys.contains(name)) {
            throw Rejection.badShape("duplicate field `" + name + "`");
        }
        return node.get(name);
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
        JsonNode v = field(field);
        if (v == null) {
            throw Rejection.badShape("missing field `" + field + "`");
        }
        if (!v.isTextual()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a string");
        }
        return v.textValue();
    }

    String optionalString(String field) {
        JsonNode v = field(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a string");
        }
        return v.textValue();
    }

    Boolean optionalBoolean(String field) {
        JsonNode v = field(field);
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
        JsonNode v = field(field);
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

    /** An optional u32 (autocomplete's {@code max_suggestions}): as {@link #optionalUnsigned}, and at most 2^32-1. */
    Long optionalU32(String field) {
        Long v = optionalUnsigned(field);
        if (v != null && v > 0xFFFF_FFFFL) {
            throw Rejection.badShape("invalid value: integer `" + v + "`, expected u32");
        }
        return v;
    }

    /** A boolean that, unlike the others, must not be {@code null} when present (explain's {@code include_plan}). */
    boolean strictBoolean(String field, boolean dflt) {
        JsonNode v = field(field);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw Rejection.badShape("invalid type: " + describe(v) + ", expected a boolean");
        }
        return v.booleanValue();
    }

}
