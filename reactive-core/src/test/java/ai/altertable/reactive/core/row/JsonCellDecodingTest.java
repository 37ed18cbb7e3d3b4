package ai.altertable.reactive.core.row;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Protocol §6 as a table: every DuckDB type with the exact JSON the lakehouse sends, and the Java value a row must give.
 * Also checks that the value's class is the one {@link DuckDbType#javaType()} promises.
 */
class JsonCellDecodingTest {

    private static final ZoneOffset PLUS_TWO = ZoneOffset.ofHours(2);

    static Stream<Arguments> protocolTable() {
        return Stream.of(
                // SQL NULL in any type
                arguments("INTEGER", "null", null),
                arguments("VARCHAR", "null", null),
                arguments("STRUCT(a INTEGER)", "null", null),
                arguments("\"NULL\"", "null", null),
                // BOOLEAN
                arguments("BOOLEAN", "true", true),
                arguments("BOOLEAN", "false", false),
                // integers, exact up to 2^64-1
                arguments("TINYINT", "-128", (byte) -128),
                arguments("TINYINT", "127", (byte) 127),
                arguments("SMALLINT", "-32768", (short) -32768),
                arguments("INTEGER", "2147483647", 2147483647),
                arguments("INTEGER", "-7", -7),
                arguments("BIGINT", "9223372036854775807", 9223372036854775807L),
                arguments("BIGINT", "-9223372036854775808", Long.MIN_VALUE),
                arguments("UTINYINT", "255", (short) 255),
                arguments("USMALLINT", "65535", 65535),
                arguments("UINTEGER", "4294967295", 4294967295L),
                arguments("UBIGINT", "18446744073709551615", new BigInteger("18446744073709551615")),
                arguments("UBIGINT", "42", BigInteger.valueOf(42)),
                // HUGEINT: exact while it fits 64 bits, then a float, converted exactly (never via double)
                arguments("HUGEINT", "42", BigInteger.valueOf(42)),
                arguments("HUGEINT", "1.7014118346046923e38", new BigInteger("170141183460469230000000000000000000000")),
                arguments("HUGEINT", "-1.7014118346046923E38", new BigInteger("-170141183460469230000000000000000000000")),
                arguments("UHUGEINT", "3.402823669209385e38", new BigInteger("340282366920938500000000000000000000000")),
                // DECIMAL: a JSON number; the column scale is restored when no rounding is needed
                arguments("DECIMAL(10,1)", "1234.5", new BigDecimal("1234.5")),
                arguments("DECIMAL(10,2)", "1.5", new BigDecimal("1.50")),
                arguments("DECIMAL(10,2)", "2.0", new BigDecimal("2.00")),
                arguments("DECIMAL(10,2)", "-3", new BigDecimal("-3.00")),
                arguments("DECIMAL(18,3)", "1234.5678", new BigDecimal("1234.5678")),
                arguments("DECIMAL", "1", new BigDecimal("1.000")),
                arguments("DECIMAL(38,0)", "12345678901234567890123", new BigDecimal("12345678901234567890123")),
                arguments("DECIMAL(38,10)", "123456789012345678.9", new BigDecimal("123456789012345678.9000000000")),
                // FLOAT / DOUBLE; NaN and infinities arrive as null
                arguments("FLOAT", "1.0", 1.0f),
                arguments("FLOAT", "0.1", 0.1f),
                arguments("DOUBLE", "1.0", 1.0d),
                arguments("DOUBLE", "0.1", 0.1d),
                arguments("DOUBLE", "1e300", 1e300d),
                arguments("DOUBLE", "null", null),
                // text-like
                arguments("VARCHAR", "\"Alice\"", "Alice"),
                arguments("VARCHAR", "\"\"", ""),
                arguments("VARCHAR", "\"line\\nbreak \\u00e9\"", "line\nbreak é"),
                arguments("UUID", "\"550e8400-e29b-41d4-a716-446655440000\"",
                        UUID.fromString("550e8400-e29b-41d4-a716-446655440000")),
                arguments("ENUM('red', 'green')", "\"red\"", "red"),
                arguments("BIT", "\"0101\"", "0101"),
                arguments("BLOB", "\"deadbeef\"", new byte[]{(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                arguments("BLOB", "\"DEADBEEF\"", new byte[]{(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                arguments("BLOB", "\"\"", new byte[0]),
                // dates and times
                arguments("DATE", "\"2024-03-01\"", LocalDate.of(2024, 3, 1)),
                arguments("TIME", "\"13:45:00\"", LocalTime.of(13, 45)),
                arguments("TIME", "\"13:45:00.250\"", LocalTime.of(13, 45, 0, 250_000_000)),
                arguments("TIME", "\"13:45:00.123456\"", LocalTime.of(13, 45, 0, 123_456_000)),
                arguments("TIME", "\"13:45:00.123456789\"", LocalTime.of(13, 45, 0, 123_456_789)),
                arguments("TIME_NS", "\"13:45:00.123456789\"", LocalTime.of(13, 45, 0, 123_456_789)),
                arguments("TIME_NS", "\"13:45:00.500\"", LocalTime.of(13, 45, 0, 500_000_000)),
                arguments("TIMETZ", "\"13:45:00+02\"", OffsetTime.of(13, 45, 0, 0, PLUS_TWO)),
                arguments("TIMESTAMP", "\"2024-03-01T13:45:00\"", LocalDateTime.of(2024, 3, 1, 13, 45)),
                arguments("TIMESTAMP", "\"2024-03-01T13:45:00.123456\"", LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_000)),
                arguments("TIMESTAMP", "\"2024-03-01 13:45:00\"", LocalDateTime.of(2024, 3, 1, 13, 45)),
                arguments("TIMESTAMP_S", "\"2024-03-01T13:45:07\"", LocalDateTime.of(2024, 3, 1, 13, 45, 7)),
                arguments("TIMESTAMP_MS", "\"2024-03-01T13:45:00.123\"", LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_000_000)),
                arguments("TIMESTAMP_NS", "\"2024-03-01T13:45:00.123456789\"",
                        LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_789)),
                arguments("TIMESTAMPTZ", "\"2024-03-01T13:45:00Z\"", OffsetDateTime.of(2024, 3, 1, 13, 45, 0, 0, ZoneOffset.UTC)),
                arguments("TIMESTAMP WITH TIME ZONE", "\"2024-03-01T13:45:00+02:00\"",
                        OffsetDateTime.of(2024, 3, 1, 13, 45, 0, 0, PLUS_TWO)),
                arguments("TIMESTAMPTZ", "\"2024-03-01T13:45:00.5+02\"",
                        OffsetDateTime.of(2024, 3, 1, 13, 45, 0, 500_000_000, PLUS_TWO)),
                arguments("TIMESTAMPTZ_NS", "\"2024-03-01T13:45:00.123456789Z\"",
                        OffsetDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_789, ZoneOffset.UTC)),
                // INTERVAL in Arrow's text
                arguments("INTERVAL", "\"1 mons 2 days 3 hours 4.500000000 secs\"",
                        Interval.of(1, 2, 3 * 3_600_000_000_000L + 4_500_000_000L)),
                arguments("INTERVAL", "\"0 secs\"", Interval.ZERO),
                // LIST and fixed ARRAY
                arguments("INTEGER[]", "[1,2,null]", Arrays.asList(1, 2, null)),
                arguments("BIGINT[]", "[]", List.of()),
                arguments("INTEGER[3]", "[1,2,3]", List.of(1, 2, 3)),
                arguments("VARCHAR[][]", "[[\"a\",\"b\"],[],null]", Arrays.asList(List.of("a", "b"), List.of(), null)),
                arguments("DATE[]", "[\"2024-03-01\"]", List.of(LocalDate.of(2024, 3, 1))),
                // STRUCT: positional array keyed by the declared names
                arguments("STRUCT(a INTEGER, b VARCHAR)", "[1,\"x\"]", map("a", 1, "b", "x")),
                arguments("STRUCT(a INTEGER, b VARCHAR)", "{\"b\":\"x\",\"a\":1}", map("a", 1, "b", "x")),
                // TUPLE (an unnamed STRUCT, from row(1, 'x')): keyed by position
                arguments("TUPLE(INTEGER, VARCHAR)", "[1,\"x\"]", map("0", 1, "1", "x")),
                arguments("STRUCT(a INTEGER, b VARCHAR)[]", "[[1,\"x\"],[2,null]]",
                        List.of(map("a", 1, "b", "x"), map("a", 2, "b", null))),
                arguments("STRUCT(p STRUCT(x INTEGER, y DOUBLE), \"when\" DATE)", "[[1,2.5],\"2024-03-01\"]",
                        map("p", map("x", 1, "y", 2.5d), "when", LocalDate.of(2024, 3, 1))),
                // MAP with VARCHAR keys: a JSON object
                arguments("MAP(VARCHAR, INTEGER)", "{\"k1\":1}", map("k1", 1)),
                arguments("MAP(VARCHAR, DATE)", "{\"a\":\"2024-03-01\",\"b\":\"2024-03-02\"}",
                        map("a", LocalDate.of(2024, 3, 1), "b", LocalDate.of(2024, 3, 2))),
                // JSON and VARIANT: the parsed JSON value as a tree
                arguments("JSON", "{\"a\":1,\"b\":[2]}", RawCells.tree("{\"a\":1,\"b\":[2]}")),
                arguments("JSON", "[1,\"two\"]", RawCells.tree("[1,\"two\"]")),
                arguments("JSON", "\"just text\"", TextNode.valueOf("just text")),
                arguments("JSON", "42", LongNode.valueOf(42)),
                arguments("JSON", "1.50", DecimalNode.valueOf(new BigDecimal("1.50"))),
                arguments("JSON", "true", BooleanNode.TRUE),
                arguments("VARIANT", "{\"nested\":{\"x\":true}}", RawCells.tree("{\"nested\":{\"x\":true}}")),
                // unknown types: the natural JSON value, numbers exact
                arguments(null, "1", 1L),
                arguments(null, "12345678901234567890123", new BigInteger("12345678901234567890123")),
                arguments(null, "0.1", new BigDecimal("0.1")),
                arguments(null, "1.0", new BigDecimal("1.0")),
                arguments(null, "\"x\"", "x"),
                arguments(null, "false", false),
                arguments(null, "[1,[2]]", RawCells.tree("[1,[2]]")),
                arguments(null, "{\"a\":1}", RawCells.tree("{\"a\":1}")),
                arguments("GEOMETRY", "\"POINT (1 2)\"", "POINT (1 2)"),
                arguments("UNION(num INTEGER, str VARCHAR)", "5", 5L)
        );
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolTable")
    void decodesTheProtocolEncoding(String typeName, String cellJson, Object expected) {
        Row row = RawCells.single(typeName, cellJson);

        Object actual = row.get(0);

        assertThat(actual).isEqualTo(expected);
        assertThat(row.isNull(0)).isEqualTo(expected == null);
        if (expected != null) {
            Class<?> expectedClass = expected instanceof List ? List.class
                    : expected instanceof Map ? Map.class : expected.getClass();
            assertThat(actual).isInstanceOf(expectedClass);
            assertThat(actual).isInstanceOf(DuckDbType.parse(typeName).javaType());
        }
        if (expected instanceof BigDecimal) {
            assertThat(((BigDecimal) actual).scale()).isEqualTo(((BigDecimal) expected).scale());
        }
        if (expected instanceof Map) {
            assertThat(List.copyOf(((Map<?, ?>) actual).keySet())).isEqualTo(List.copyOf(((Map<?, ?>) expected).keySet()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolTable")
    @SuppressWarnings("unchecked")
    void nestedValuesAreUnmodifiable(String typeName, String cellJson, Object expected) {
        Object actual = RawCells.single(typeName, cellJson).get(0);
        if (actual instanceof List) {
            assertThatThrownBy(() -> ((List<Object>) actual).add(1)).isInstanceOf(UnsupportedOperationException.class);
        } else if (actual instanceof Map) {
            assertThatThrownBy(() -> ((Map<String, Object>) actual).put("z", 1))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
