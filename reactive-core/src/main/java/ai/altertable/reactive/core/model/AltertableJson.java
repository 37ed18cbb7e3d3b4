package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson configuration for the Lakehouse REST protocol, shared by the client (reactive-rest) and the in-process mock
 * server (reactive-mock).
 *
 * <p>The models of this package carry their own annotations (names, order, inclusion, enum codecs, the timestamp codec),
 * so any {@code ObjectMapper} reads and writes them correctly. This class adds what an annotation cannot say, so that
 * bytes match the official mock's serde_json output and no number loses precision:
 * <ul>
 *   <li>unknown properties are ignored ({@code FAIL_ON_UNKNOWN_PROPERTIES} off);</li>
 *   <li>untyped floating-point numbers ({@code Object}, {@code JsonNode}) are read as {@code BigDecimal}, and trailing
 *       zeros are kept, so {@code 1.50} is written back as {@code 1.50}; integers are exact in any case;</li>
 *   <li>output is compact (no whitespace), non-ASCII characters are written as raw UTF-8 (supplementary characters as
 *       one 4-byte sequence), and control characters are escaped with <em>lowercase</em> hex ({@code \u001f}) as
 *       serde_json does;</li>
 *   <li>{@code java.time} types are supported (JSR-310 module) and written as ISO-8601 strings, not numbers.</li>
 * </ul>
 *
 * <p>Parser limits are Jackson's defaults ({@link com.fasterxml.jackson.core.StreamReadConstraints}, e.g. 20 million
 * characters per string). A row decoder that must accept larger cells configures its own factory.
 *
 * <p>{@link #newStrictMapper()} is for servers decoding requests: it rejects the type coercions the official mock rejects.
 */
public final class AltertableJson {

    private static final ObjectMapper SHARED = newMapper();

    private AltertableJson() {
    }

    /**
     * A shared mapper configured as {@link #newMapper()}. Jackson mappers are thread-safe once configured; do not
     * reconfigure this one (take {@link #newMapper()} instead).
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /** A new lenient mapper with the protocol configuration described on this class. */
    public static ObjectMapper newMapper() {
        return builder().build();
    }

    /**
     * A new mapper for decoding <em>requests</em> the way the official mock does (serde, protocol §5.1 and §12): like
     * {@link #newMapper()}, but a string is never coerced to a number or boolean, nor a number or boolean to a string, a
     * float is never truncated to an integer, and trailing content after the JSON value is an error. Type errors then
     * surface as {@link com.fasterxml.jackson.databind.exc.MismatchedInputException} (the mock's 422), syntax errors as
     * {@link com.fasterxml.jackson.core.JsonParseException} (the mock's 400).
     *
     * <p>Enum-typed fields stay lenient in both mappers: an unknown string decodes to the enum's {@code UNKNOWN}.
     */
    public static ObjectMapper newStrictMapper() {
        JsonMapper mapper = builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private static JsonMapper.Builder builder() {
        JsonFactory factory = JsonFactory.builder()
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        return JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .addModule(new JavaTimeModule());
    }
}
