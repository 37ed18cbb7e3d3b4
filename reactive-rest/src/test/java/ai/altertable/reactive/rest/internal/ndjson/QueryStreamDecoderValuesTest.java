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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cell values (protocol §6, §15.9, §15.10): numbers exactly as sent, never through {@code double}; nested values as
 * trees equal to what databind reads; typed columns decoded by their DuckDB type.
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
}
