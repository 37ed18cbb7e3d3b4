package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AltertableJsonTest {

    private final ObjectMapper mapper = AltertableJson.mapper();

    @Test
    void sharedMapperIsASingleton_newMapperIsFresh() {
        assertThat(AltertableJson.mapper()).isSameAs(AltertableJson.mapper());
        assertThat(AltertableJson.newMapper()).isNotSameAs(AltertableJson.mapper());
    }

    @Test
    void outputIsCompact() throws Exception {
        assertThat(mapper.writeValueAsString(Map.of("a", List.of(1, 2)))).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void controlCharactersAreEscapedWithLowercaseHexLikeSerdeJson() throws Exception {
        String s = "a\u0001b\u001fc\u007f\n\t\r\b\f\"\\/";
        byte[] expected = "\"a\\u0001b\\u001fc\u007f\\n\\t\\r\\b\\f\\\"\\\\/\"".getBytes(StandardCharsets.UTF_8);
        assertThat(mapper.writeValueAsBytes(s)).isEqualTo(expected);
    }

    @Test
    void nonAsciiIsRawUtf8AndSupplementaryCharactersAreOneFourByteSequence() throws Exception {
        String s = "é€😀";
        assertThat(mapper.writeValueAsBytes(s)).isEqualTo(("\"" + s + "\"").getBytes(StandardCharsets.UTF_8));
        assertThat(mapper.writeValueAsBytes(s)).hasSize(2 + 2 + 3 + 4);
    }

    @Test
    void treeNumbersKeepTheirExactValueAndTrailingZeros() throws Exception {
        String json = "[1.50,2.0,0.1,18446744073709551615,-9223372036854775808,123456789012345678901234567890.5]";
        JsonNode tree = mapper.readTree(json);
        assertThat(mapper.writeValueAsString(tree)).isEqualTo(json);
        assertThat(tree.get(0).decimalValue()).isEqualTo(new BigDecimal("1.50"));
        assertThat(tree.get(3).bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void untypedFloatsAreBigDecimalAndIntegersExact() throws Exception {
        List<?> values = mapper.readValue("[0.1,9223372036854775807,18446744073709551615]", List.class);
        assertThat(values.get(0)).isEqualTo(new BigDecimal("0.1"));
        assertThat(values.get(1)).isEqualTo(Long.MAX_VALUE);
        assertThat(values.get(2)).isEqualTo(new BigInteger("18446744073709551615"));
    }

    record Plain(String a) {
    }

    @Test
    void unknownPropertiesAreIgnoredEvenForUnannotatedTypes() throws Exception {
        assertThat(mapper.readValue("{\"a\":\"x\",\"b\":1}", Plain.class)).isEqualTo(new Plain("x"));
    }

    @Test
    void javaTimeTypesAreIsoStrings() throws Exception {
        assertThat(mapper.writeValueAsString(Instant.parse("2026-08-19T13:30:00.123456789Z")))
                .isEqualTo("\"2026-08-19T13:30:00.123456789Z\"");
        assertThat(mapper.readValue("\"2024-03-01T13:45:00.123456\"", LocalDateTime.class))
                .isEqualTo(LocalDateTime.parse("2024-03-01T13:45:00.123456"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"statement\":\"x\",\"limit\":\"10\"}",
            "{\"statement\":\"x\",\"limit\":10.0}",
            "{\"statement\":5}",
            "{\"statement\":true}",
            "{\"statement\":\"x\",\"visible\":1}",
            "{\"statement\":\"x\",\"visible\":\"true\"}",
            "{\"statement\":\"x\",\"session_id\":42}"})
    void strictMapperRejectsTheCoercionsTheMockRejects(String json) throws Exception {
        ObjectMapper strict = AltertableJson.newStrictMapper();
        assertThatThrownBy(() -> strict.readValue(json, QueryRequest.class))
                .isInstanceOf(MismatchedInputException.class);
        // the lenient mapper coerces them: the difference is the point of the strict one
        assertThat(mapper.readValue(json, QueryRequest.class)).isNotNull();
    }

    @Test
    void strictMapperRejectsTrailingContentAsASyntaxError() {
        assertThatThrownBy(() -> AltertableJson.newStrictMapper().readValue("{\"statement\":\"x\"} x", QueryRequest.class))
                .isInstanceOf(JsonParseException.class);
    }

    @Test
    void strictMapperStillIgnoresUnknownKeysAndUnknownEnumStrings() throws Exception {
        QueryRequest r = AltertableJson.newStrictMapper().readValue(
                "{\"statement\":\"x\",\"dialect\":\"duckdb\",\"compute_size\":\"huge\",\"cache\":\"yes\",\"limit\":3}",
                QueryRequest.class);
        assertThat(r.computeSize()).isEqualTo(ComputeSize.UNKNOWN);
        assertThat(r.limit()).isEqualTo(3L);
        assertThat(r.cache()).isNull();
    }
}
