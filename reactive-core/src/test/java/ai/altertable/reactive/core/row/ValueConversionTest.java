package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.SerializationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Row.get(i, Class)} on natural values: exact numbers, nulls, time, text, binary, JSON, collections, enums. */
class ValueConversionTest {

    enum Colour { RED, GREEN }

    private static Row row(Object value) {
        return Rows.of(RowMetadata.of(Column.of("v", (String) null)), value);
    }

    private static Row typed(String typeName, String cellJson) {
        return RawCells.single(typeName, cellJson);
    }

    @Test
    void integralNarrowingIsExact() {
        assertThat(row(42L).get(0, Integer.class)).isEqualTo(42);
        assertThat(row(42L).get(0, Byte.class)).isEqualTo((byte) 42);
        assertThat(row(new BigDecimal("2.00")).get(0, Long.class)).isEqualTo(2L);
        assertThat(row(new BigDecimal("1E+3")).get(0, Short.class)).isEqualTo((short) 1000);
        assertThat(row(new BigInteger("9223372036854775807")).getLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(row(7).get(0, BigInteger.class)).isEqualTo(BigInteger.valueOf(7));
        assertThat(row(3.0d).get(0, Long.class)).isEqualTo(3L);
        assertThat(row("123").get(0, Integer.class)).isEqualTo(123);
    }

    @Test
    void overflowAndLostFractionsFail() {
        assertThatThrownBy(() -> row(3_000_000_000L).getInt(0))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("as java.lang.Integer (from java.lang.Long)")
                .hasMessageContaining("out of range for Integer");
        assertThatThrownBy(() -> row(128L).get(0, byte.class)).hasMessageContaining("out of range for Byte");
        assertThatThrownBy(() -> row(new BigDecimal("1.5")).getLong(0)).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> row(new BigInteger("9223372036854775808")).getLong(0))
                .hasMessageContaining("out of range for Long");
        assertThatThrownBy(() -> row(new BigDecimal("1e30")).getLong(0)).hasMessageContaining("out of range for Long");
        assertThatThrownBy(() -> row(0.5d).get(0, BigInteger.class)).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> row(Double.NaN).get(0, BigDecimal.class)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> row(new BigDecimal("1e999999999")).getBigInteger(0)).hasMessageContaining("too large");
    }

    @Test
    void exactNumbersNeverGoThroughDouble() {
        Row row = typed(null, "0.1");
        assertThat(row.getBigDecimal(0)).isEqualTo(new BigDecimal("0.1"));
        assertThat(typed("UBIGINT", "18446744073709551615").getBigDecimal(0))
                .isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(typed("DECIMAL(38,0)", "99999999999999999999999999999999999999").getBigInteger(0))
                .isEqualTo(new BigInteger("99999999999999999999999999999999999999"));
        assertThat(row(0.1d).getBigDecimal(0)).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void floatingTargetsAcceptAnyNumber() {
        assertThat(row(new BigDecimal("0.1")).getDouble(0)).isEqualTo(0.1d);
        assertThat(row(Long.MAX_VALUE).getDouble(0)).isEqualTo(9.223372036854776E18);
        assertThat(row(new BigInteger("18446744073709551615")).get(0, float.class)).isEqualTo(1.8446744E19f);
        assertThat(row(1).get(0, double.class)).isEqualTo(1.0d);
    }

    @Test
    void nullStaysNullExceptIntoPrimitives() {
        Row row = row(null);
        assertThat(row.getInt(0)).isNull();
        assertThat(row.get(0, String.class)).isNull();
        assertThat(row.getList(0, Long.class)).isNull();
        assertThatThrownBy(() -> row.get(0, int.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SQL NULL cannot be read as primitive int")
                .hasMessageContaining("from SQL NULL");
        assertThatThrownBy(() -> row.get(0, boolean.class)).hasMessageContaining("primitive boolean");
    }

    @Test
    void primitivesAreReadAsTheirWrappers() {
        assertThat(row(5L).get(0, int.class)).isEqualTo(5);
        assertThat(row(true).get(0, boolean.class)).isTrue();
        assertThat(row("x").get(0, char.class)).isEqualTo('x');
    }

    @Test
    void aZonelessTimestampIsNotAnInstant() {
        Row row = typed("TIMESTAMP", "\"2024-03-01T13:45:00\"");
        assertThat(row.getLocalDateTime(0)).isEqualTo(LocalDateTime.of(2024, 3, 1, 13, 45));
        assertThatThrownBy(() -> row.getInstant(0))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("(DuckDB type TIMESTAMP) as java.time.Instant")
                .hasMessageContaining("not an instant");
        assertThatThrownBy(() -> row.getOffsetDateTime(0)).hasMessageContaining("not an instant");
        assertThatThrownBy(() -> typed(null, "\"2024-03-01T13:45:00\"").getInstant(0))
                .hasMessageContaining("not an instant");
    }

    @Test
    void timestampsWithAnOffsetAreInstants() {
        Row row = typed("TIMESTAMPTZ", "\"2024-03-01T13:45:00+02:00\"");
        assertThat(row.getInstant(0)).isEqualTo(Instant.parse("2024-03-01T11:45:00Z"));
        assertThat(row.get(0, ZonedDateTime.class).toInstant()).isEqualTo(Instant.parse("2024-03-01T11:45:00Z"));
        assertThat(row.getString(0)).isEqualTo("2024-03-01T13:45:00+02:00");
        assertThat(row(Instant.parse("2024-03-01T11:45:00Z")).getOffsetDateTime(0))
                .isEqualTo(OffsetDateTime.of(2024, 3, 1, 11, 45, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void textIsParsedForColumnsOfUnknownType() {
        assertThat(typed(null, "\"2024-03-01\"").getLocalDate(0)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(typed(null, "\"2024-03-01T13:45:00Z\"").getInstant(0)).isEqualTo(Instant.parse("2024-03-01T13:45:00Z"));
        assertThat(typed(null, "\"550e8400-e29b-41d4-a716-446655440000\"").getUuid(0))
                .isEqualTo(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
        assertThat(typed(null, "\"deadbeef\"").getBytes(0)).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(typed(null, "\"1 mons\"").get(0, Interval.class)).isEqualTo(Interval.of(1, 0, 0));
        assertThat(typed(null, "\"TRUE\"").getBoolean(0)).isTrue();
        assertThatThrownBy(() -> typed(null, "1").getBoolean(0)).hasMessageContaining("no conversion");
        assertThatThrownBy(() -> typed(null, "\"1-2-3-4-5\"").getUuid(0)).hasMessageContaining("not a UUID text");
    }

    @Test
    void stringsFromAnyValue() {
        assertThat(row(new BigDecimal("1E+3")).getString(0)).isEqualTo("1000");
        assertThat(row(new byte[]{(byte) 0xca, (byte) 0xfe}).getString(0)).isEqualTo("cafe");
        assertThat(row(LocalDateTime.of(2024, 3, 1, 13, 45)).getString(0)).isEqualTo("2024-03-01T13:45:00");
        assertThat(row(LocalDateTime.of(2024, 3, 1, 13, 45, 0, 250_000_000)).getString(0))
                .isEqualTo("2024-03-01T13:45:00.250");
        assertThat(typed("JSON", "{\"a\":[1,\"x\"]}").getString(0)).isEqualTo("{\"a\":[1,\"x\"]}");
        assertThat(typed("JSON", "\"x\"").getString(0)).isEqualTo("\"x\"");
        assertThat(typed("STRUCT(a INTEGER, b VARCHAR)", "[1,\"x\"]").getString(0)).isEqualTo("{\"a\":1,\"b\":\"x\"}");
        assertThat(row(Interval.of(0, 2, 0)).getString(0)).isEqualTo("2 days");
        assertThat(row(12L).getString(0)).isEqualTo("12");
    }

    @Test
    void jsonFromAnything() {
        assertThat(row(42L).getJson(0)).isEqualTo(LongNode.valueOf(42));
        assertThat(row("x").getJson(0)).isEqualTo(TextNode.valueOf("x"));
        assertThat(typed("INTEGER[]", "[1,null]").getJson(0)).isEqualTo(RawCells.tree("[1,null]"));
        assertThat(typed(null, "{\"a\":{\"b\":2}}").get(0, ObjectNode.class).get("a").get("b").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> row("x").get(0, ArrayNode.class)).hasMessageContaining("not a ArrayNode");
    }

    @Test
    void collectionsFromDecodedValuesOrJson() {
        Row mock = typed(null, "[1,2,3]");
        assertThat(mock.getList(0)).containsExactly(1L, 2L, 3L);
        assertThat(mock.getList(0, Integer.class)).containsExactly(1, 2, 3);
        Set<?> set = mock.get(0, Set.class);
        assertThat(set.toArray()).containsExactly(1L, 2L, 3L);
        Collection<?> collection = mock.get(0, Collection.class);
        assertThat(collection.toArray()).containsExactly(1L, 2L, 3L);
        assertThat(typed("BIGINT[]", "[1,2]").getList(0, Long.class)).containsExactly(1L, 2L);
        assertThat(typed(null, "{\"a\":[1],\"b\":null}").getMap(0)).containsEntry("a", List.of(1L)).containsEntry("b", null);
        assertThat(typed("MAP(VARCHAR, INTEGER)", "{\"k1\":1}").getMap(0)).isEqualTo(Map.of("k1", 1));
        assertThatThrownBy(() -> typed(null, "[1,300]").getList(0, Byte.class))
                .hasMessageContaining("as java.util.List")
                .hasMessageContaining("element [1]: out of range for Byte");
        assertThatThrownBy(() -> row("x").getList(0)).hasMessageContaining("to a list");
    }

    @Test
    void enumsByNameThenIgnoringCase() {
        assertThat(row("RED").get(0, Colour.class)).isEqualTo(Colour.RED);
        assertThat(typed("ENUM('red', 'green')", "\"green\"").get(0, Colour.class)).isEqualTo(Colour.GREEN);
        assertThatThrownBy(() -> row("blue").get(0, Colour.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("constants: [RED, GREEN]")
                .hasMessageContaining("\"blue\"");
    }

    @Test
    void binaryIsCopiedAndComparedByContent() {
        Row row = typed("BLOB", "\"cafe\"");
        byte[] first = row.getBytes(0);
        first[0] = 0;
        assertThat(row.getBytes(0)).containsExactly(0xca, 0xfe);
        assertThat(row.get(0, byte[].class)).containsExactly(0xca, 0xfe);
    }

    @Test
    void jsonTreesAreCopied() {
        Row row = typed("JSON", "{\"a\":1}");
        ((ObjectNode) row.getJson(0)).put("a", 2);
        ((ObjectNode) row.get(0)).put("b", 3);
        assertThat(row.getJson(0)).isEqualTo(RawCells.tree("{\"a\":1}"));
    }

    @Test
    void unsupportedTargetsSaySo() {
        assertThatThrownBy(() -> row(1L).get(0, Thread.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no conversion from java.lang.Long to java.lang.Thread");
        assertThatThrownBy(() -> row(LocalDate.of(2024, 1, 1)).get(0, LocalDateTime.class))
                .hasMessageContaining("no exact conversion");
        assertThat(row(1L).get(0, Object.class)).isEqualTo(1L);
        assertThat(row(1L).get(0, Number.class)).isEqualTo(1L);
        assertThat(row(RawCells.tree("[1]")).get(0, JsonNode.class)).isEqualTo(RawCells.tree("[1]"));
    }
}
