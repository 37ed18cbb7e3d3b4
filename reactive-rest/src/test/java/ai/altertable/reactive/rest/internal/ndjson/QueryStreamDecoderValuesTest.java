package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.row.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cell values (protocol §6, §15.9, §15.10): numbers exactly as sent, never through {@code double}, except in
 * {@code DOUBLE} and {@code FLOAT} columns, which get the same binary value as decoding the exact number would; nested
 * values as trees equal to what databind reads; typed columns decoded by their DuckDB type.
 */
class QueryStreamDecoderValuesTest {

    private static Row onlyRow(String columns, String row) {
        Decoded decoded = DecodeRun.whole(Bodies.lines("{}", columns, row));
        assertThat(decoded.failure()).isNull();
        return decoded.rows().get(0);
    }

    private static List<Object> rawCells(String row) {
        return DecodeRun.whole(Bodies.lines("{}", "[]", row)).cells().get(0);
    }

    @Test
    void integersAreLongsWhenTheyFitAndBigIntegersBeyond() {
        List<Object> cells = rawCells("[0,-0,42,9223372036854775807,-9223372036854775808,9223372036854775808,"
                + "18446744073709551615,-18446744073709551616]");

        assertThat(cells).containsExactly(0L, 0L, 42L, Long.MAX_VALUE, Long.MIN_VALUE,
                new BigInteger("9223372036854775808"), new BigInteger("18446744073709551615"),
                new BigInteger("-18446744073709551616"));
        assertThat(cells.get(3)).isInstanceOf(Long.class);
        assertThat(cells.get(5)).isInstanceOf(BigInteger.class);
    }

    @Test
    void otherNumbersAreBigDecimalsWithTheirExactText() {
        List<Object> cells = rawCells("[1.50,2.00,0.1,1.7014118346046923e38,1E-7,-0.0,123456789012345678901234567890.5]");

        assertThat(cells).containsExactly(new BigDecimal("1.50"), new BigDecimal("2.00"), new BigDecimal("0.1"),
                new BigDecimal("1.7014118346046923e38"), new BigDecimal("1E-7"), new BigDecimal("-0.0"),
                new BigDecimal("123456789012345678901234567890.5"));
        assertThat(((BigDecimal) cells.get(0)).scale()).isEqualTo(2);
        assertThat(((BigDecimal) cells.get(0)).toString()).isEqualTo("1.50");
        // A BigDecimal has no negative zero: -0.0 arrives as a zero of scale 1 (see the decoder notes)
        assertThat(((BigDecimal) cells.get(5)).signum()).isZero();
        assertThat(((BigDecimal) cells.get(5)).scale()).isEqualTo(1);
    }

    @Test
    void scalarsKeepTheirJsonTypes() {
        assertThat(rawCells("[null,true,false,\"\",\"null\",\"1\"]"))
                .containsExactly(null, true, false, "", "null", "1");
    }

    @Test
    void nestedValuesAreTreesEqualToADatabindReading() {
        String row = "[[1,2147483648,9223372036854775808,1.50,-0.0],{\"b\":{\"c\":[]},\"a\":null,\"a\":\"last\"},[],{}]";
        List<Object> cells = rawCells(row);

        assertThat(cells).isEqualTo(Bodies.expectedCells(row));
        JsonNode numbers = (JsonNode) cells.get(0);
        assertThat(numbers.get(0)).isInstanceOf(IntNode.class);
        assertThat(numbers.get(1)).isInstanceOf(LongNode.class);
        assertThat(numbers.get(2)).isInstanceOf(BigIntegerNode.class);
        assertThat(numbers.get(3)).isInstanceOf(DecimalNode.class);
        assertThat(numbers.get(3).decimalValue()).isEqualTo(new BigDecimal("1.50"));
        JsonNode object = (JsonNode) cells.get(1);
        assertThat(object.get("a").asText()).isEqualTo("last");
        assertThat(object.get("b").get("c").isArray()).isTrue();
    }

    @Test
    void deeplyNestedValuesAreBuilt() {
        String deep = "[".repeat(200) + "\"日本\"" + "]".repeat(200);
        List<Object> cells = rawCells("[" + deep + "]");

        JsonNode node = (JsonNode) cells.get(0);
        for (int i = 0; i < 199; i++) {
            node = node.get(0);
        }
        assertThat(node.get(0).textValue()).isEqualTo("日本");
    }

    @Test
    void typedColumnsDecodeHugeAndUnsignedAndDecimalValuesExactly() {
        Row row = onlyRow("[{\"name\":\"u\",\"type\":\"UBIGINT\"},{\"name\":\"h\",\"type\":\"HUGEINT\"},"
                        + "{\"name\":\"d\",\"type\":\"DECIMAL(10,2)\"},{\"name\":\"f\",\"type\":\"DOUBLE\"},"
                        + "{\"name\":\"t\",\"type\":\"TIMESTAMP\"},{\"name\":\"s\",\"type\":\"STRUCT(a INTEGER, b VARCHAR)\"}]",
                "[18446744073709551615,1.7014118346046923e38,1.5,null,\"2024-03-01T13:45:00.123456\",[1,\"x\"]]");

        assertThat(row.get("u")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(row.get("d")).isEqualTo(new BigDecimal("1.50"));
        assertThat(row.get("f")).isNull();
        assertThat(row.get("t")).isEqualTo(LocalDateTime.of(2024, 3, 1, 13, 45, 0, 123_456_000));
        assertThat(row.get("h", BigDecimal.class)).isEqualByComparingTo("1.7014118346046923e38");
    }

    @Test
    void doubleAndFloatColumnsGetTheValueTheExactNumberRoundsTo() {
        List<String> texts = new ArrayList<>(List.of("0.1", "1.50", "-0.0", "0", "-0", "2.2250738585072011e-308",
                "4.9e-324", "2e-324", "1.7976931348623157e308", "1e400", "-1e400", "9007199254740993",
                "9007199254740993.0", "3.4028235677973366e38", "1.4e-45", "0.30000000000000004",
                "123456789012345678901234567890.5", "18446744073709551615", "-9223372036854775808"));
        SplittableRandom random = new SplittableRandom(20261125);
        for (int i = 0; i < 2_000; i++) {
            texts.add(i % 2 == 0 ? Double.toString(Double.longBitsToDouble(random.nextLong()))
                    : random.nextInt(-1_000_000_000, 1_000_000_000) + "." + random.nextLong(0, Long.MAX_VALUE)
                    + (i % 3 == 0 ? "e" + random.nextInt(-320, 310) : ""));
        }
        texts.removeIf(t -> t.contains("N") || t.contains("I")); // NaN and Infinity are not JSON numbers
        for (String text : texts) {
            Row row = onlyRow("[{\"name\":\"d\",\"type\":\"DOUBLE\"},{\"name\":\"f\",\"type\":\"FLOAT\"},"
                    + "{\"name\":\"x\",\"type\":\"DECIMAL(38,10)\"}]", "[" + text + "," + text + "," + text + "]");
            BigDecimal exact = new BigDecimal(text);
            assertThat(row.get("d")).as(text).isEqualTo(exact.doubleValue());
            assertThat(row.get("f")).as(text).isEqualTo(exact.floatValue());
            assertThat(row.get("x", BigDecimal.class)).as(text).isEqualByComparingTo(exact);
        }
    }

    @Test
    void cellsThatAreTheirOwnValueAreHandedOutAsTheyAre() {
        Row row = onlyRow("[{\"name\":\"s\",\"type\":\"VARCHAR\"},{\"name\":\"n\",\"type\":\"BIGINT\"},"
                        + "{\"name\":\"b\",\"type\":\"BOOLEAN\"},{\"name\":\"i\",\"type\":\"INTEGER\"},"
                        + "{\"name\":\"j\",\"type\":\"JSON\"}]",
                "[\"x\",42,true,7,\"{\\\"a\\\":1}\"]");

        assertThat(row.get("s")).isSameAs(row.get("s")).isEqualTo("x");
        assertThat(row.get("n")).isEqualTo(42L);
        assertThat(row.get("b")).isEqualTo(true);
        assertThat(row.get("i")).isEqualTo(7);
        assertThat(row.get("n", String.class)).isEqualTo("42");
        assertThat(row.values()).hasSize(5);
    }
}
