package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cells that do not fit their declared type fail on read, with a message that locates them and stays short. */
class CellDecodingErrorTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "DATE        | \"xyz\"                        | not a DATE text",
            "DATE        | 20240301                     | expected a JSON string, got a JSON integer",
            "UUID        | 42                           | expected a JSON string",
            "UUID        | \"550e8400e29b41d4a716446655440000\" | not a UUID text",
            "TIMESTAMP   | \"Cast error: Failed to convert 9999999999999 to datetime for Timestamp(Microsecond, None)\" | not a TIMESTAMP text",
            "TIMESTAMPTZ | \"2024-03-01T13:45:00\"        | no time zone offset",
            "TIME        | \"25:00:00\"                   | not a TIME text",
            "TINYINT     | 300                          | out of range for TINYINT",
            "UTINYINT    | -1                           | out of range for UTINYINT",
            "UBIGINT     | -1                           | out of range for UBIGINT",
            "UBIGINT     | 18446744073709551616         | out of range for UBIGINT",
            "INTEGER     | 1.5                          | not a whole number",
            "BIGINT      | 9223372036854775808          | out of range for BIGINT",
            "BIGINT      | \"12x\"                        | not a number",
            "BOOLEAN     | \"true\"                       | expected a JSON boolean, got a JSON string",
            "DOUBLE      | \"1.5\"                        | expected a JSON number",
            "VARCHAR     | 7                            | expected a JSON string, got a JSON integer",
            "BLOB        | \"abc\"                        | odd number of digits",
            "BLOB        | \"zz\"                         | not hex text",
            "INTERVAL    | \"3 fortnights\"               | not an INTERVAL text",
            "INTEGER[]   | [1,\"two\"]                    | element [1]: not a number",
            "INTEGER[]   | [1,true]                     | element [1]: expected a JSON number, got a JSON boolean",
            "INTEGER[]   | {\"a\":1}                      | expected a JSON array for LIST, got a JSON object",
            "STRUCT(a INTEGER, b VARCHAR) | [1]             | the STRUCT has 2 fields but the cell holds 1 values",
            "STRUCT(a INTEGER, b DATE)    | [1,\"nope\"]      | 'field \"b\": not a DATE text'",
            "MAP(VARCHAR, INTEGER)        | [1]             | expected a JSON object for MAP",
            "MAP(VARCHAR, INTEGER)        | {\"k\":\"v\"}     | 'value of key \"k\": not a number'"
    })
    void aCellThatDoesNotFitItsTypeFailsWithItsLocation(String typeName, String cellJson, String reason) {
        Row row = Rows.fromJsonCells(RowMetadata.of(Column.of("id", "INTEGER"), Column.of("when", typeName)),
                RawCells.parse("[1," + cellJson + "]"));

        assertThatThrownBy(() -> row.get(1))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("column 1 'when' (DuckDB type " + DuckDbType.parse(typeName) + ")")
                .hasMessageContaining(DuckDbType.parse(typeName).javaType().getTypeName())
                .hasMessageContaining(reason);
        assertThat(row.getInt(0)).isEqualTo(1);
    }

    @Test
    void theMessageNamesTheTargetAndQuotesTheValue() {
        Row row = RawCells.single("DATE", "\"xyz\"");

        assertThatThrownBy(() -> row.getLocalDate(0))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot decode column 0 'c' (DuckDB type DATE) as java.time.LocalDate: "
                        + "not a DATE text (expected YYYY-MM-DD); value: \"xyz\"")
                .satisfies(e -> assertThat(((AltertableException) e).isRetryable()).isFalse());
    }

    @Test
    void longValuesAreCutInMessages() {
        String secret = "s3cr3t-".repeat(100);
        Row row = RawCells.single("DATE", "\"" + secret + "\"");

        assertThatThrownBy(() -> row.get(0))
                .hasMessageContaining("…(700 chars)")
                .hasMessageNotContaining(secret.substring(0, 70));
    }

    @Test
    void longColumnNamesAndTypesAreCutToo() {
        String name = "n".repeat(300);
        Row row = Rows.fromJsonCells(RowMetadata.of(Column.of(name, "DATE")), RawCells.parse("[\"x\"]"));

        assertThatThrownBy(() -> row.get(0)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void decodingIsLazySoABadCellFailsOnlyWhenRead() {
        Row row = Rows.fromJsonCells(RowMetadata.of(Column.of("ok", "DATE"), Column.of("bad", "DATE")),
                RawCells.parse("[\"2024-03-01\",\"oops\"]"));

        assertThat(row.getLocalDate("ok")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(row.isNull("bad")).isFalse();
        assertThat(row.toString()).isEqualTo("Row[ok=2024-03-01, bad=<undecodable DATE>]");
        assertThatThrownBy(() -> row.get("bad")).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> row.get("bad")).isInstanceOf(SerializationException.class);
        assertThatThrownBy(row::values).isInstanceOf(SerializationException.class);
    }

    @Test
    void cellsBeyondTheDescribedColumnsAreUnknownTypes() {
        Row row = Rows.fromJsonCells(RowMetadata.ofNames("a"), RawCells.parse("[\"x\",\"2024-03-01\"]"));

        assertThat(row.get(1)).isEqualTo("2024-03-01");
        assertThatThrownBy(() -> row.get(1, Integer.class))
                .hasMessageContaining("column 1 (no column name; DuckDB type unknown)")
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("\"2024-03-01\"");
    }
}
