package ai.altertable.reactive.mock.internal.encode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What DuckDB JDBC 2.0.0.1 reports for each DuckDB type: {@code getColumnTypeName}, {@code getColumnType} and the class
 * of {@code getObject}. The encoder is built on these facts; if a driver upgrade changes one, this test says which.
 */
class DuckDbJdbcFactsTest {

    private static InMemoryDuckDb db;

    @BeforeAll
    static void open() throws Exception {
        db = new InMemoryDuckDb();
        db.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("facts")
    void typeNameSqlTypeAndObjectClass(String expression, String typeName, int sqlType, String objectClass)
            throws Exception {
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT " + expression)) {
            ResultSetMetaData md = rs.getMetaData();
            rs.next();

            assertThat(md.getColumnTypeName(1)).isEqualTo(typeName);
            assertThat(md.getColumnType(1)).isEqualTo(sqlType);
            assertThat(rs.getObject(1).getClass().getName()).isEqualTo(objectClass);
        }
    }

    static Stream<Arguments> facts() {
        return Stream.of(
                arguments("true", "BOOLEAN", Types.BOOLEAN, "java.lang.Boolean"),
                arguments("1::TINYINT", "TINYINT", Types.TINYINT, "java.lang.Byte"),
                arguments("1::SMALLINT", "SMALLINT", Types.SMALLINT, "java.lang.Short"),
                arguments("1::INTEGER", "INTEGER", Types.INTEGER, "java.lang.Integer"),
                arguments("1::BIGINT", "BIGINT", Types.BIGINT, "java.lang.Long"),
                arguments("1::UTINYINT", "UTINYINT", Types.SMALLINT, "java.lang.Short"),
                arguments("1::USMALLINT", "USMALLINT", Types.INTEGER, "java.lang.Integer"),
                arguments("1::UINTEGER", "UINTEGER", Types.BIGINT, "java.lang.Long"),
                arguments("1::UBIGINT", "UBIGINT", Types.OTHER, "java.math.BigInteger"),
                arguments("1::HUGEINT", "HUGEINT", Types.OTHER, "java.math.BigInteger"),
                arguments("(SELECT SUM(x::INTEGER) FROM range(3) t(x))", "HUGEINT", Types.OTHER,
                        "java.math.BigInteger"),
                arguments("1::UHUGEINT", "UHUGEINT", Types.OTHER, "java.math.BigInteger"),
                arguments("1.5::DECIMAL(5,2)", "DECIMAL(5,2)", Types.DECIMAL, "java.math.BigDecimal"),
                arguments("1.5::DECIMAL(30,2)", "DECIMAL(30,2)", Types.DECIMAL, "java.math.BigDecimal"),
                arguments("1.5::FLOAT", "FLOAT", Types.FLOAT, "java.lang.Float"),
                arguments("1.5::DOUBLE", "DOUBLE", Types.DOUBLE, "java.lang.Double"),
                arguments("'a'", "VARCHAR", Types.VARCHAR, "java.lang.String"),
                arguments("uuid()", "UUID", Types.OTHER, "java.util.UUID"),
                arguments("'ok'::mood", "ENUM", Types.OTHER, "java.lang.String"),
                arguments("'a'::BLOB", "BLOB", Types.BLOB, "org.duckdb.DuckDBResultSet$DuckDBBlobResult"),
                arguments("'101'::BIT", "BIT", Types.BIT, "java.lang.String"),
                arguments("DATE '2024-03-01'", "DATE", Types.DATE, "java.time.LocalDate"),
                arguments("TIME '13:45:00'", "TIME", Types.TIME, "java.time.LocalTime"),
                arguments("'13:45:00'::TIME_NS", "TIME_NS", Types.TIME, "java.time.LocalTime"),
                arguments("TIMETZ '13:45:00+02'", "TIME WITH TIME ZONE", Types.TIME_WITH_TIMEZONE,
                        "java.time.OffsetTime"),
                arguments("TIMESTAMP '2024-03-01 13:45:00'", "TIMESTAMP", Types.TIMESTAMP, "java.sql.Timestamp"),
                arguments("'2024-03-01'::TIMESTAMP_S", "TIMESTAMP_S", Types.TIMESTAMP, "java.sql.Timestamp"),
                arguments("'2024-03-01'::TIMESTAMP_MS", "TIMESTAMP_MS", Types.TIMESTAMP, "java.sql.Timestamp"),
                arguments("'2024-03-01'::TIMESTAMP_NS", "TIMESTAMP_NS", Types.TIMESTAMP, "java.sql.Timestamp"),
                arguments("TIMESTAMPTZ '2024-03-01 13:45:00+00'", "TIMESTAMP WITH TIME ZONE",
                        Types.TIMESTAMP_WITH_TIMEZONE, "java.time.OffsetDateTime"),
                arguments("'2024-03-01'::TIMESTAMPTZ_NS", "TIMESTAMPTZ_NS", Types.OTHER, "java.lang.String"),
                arguments("INTERVAL '1 day'", "INTERVAL", Types.OTHER, "java.lang.String"),
                arguments("[1, NULL]", "INTEGER[]", Types.ARRAY, "org.duckdb.DuckDBArray"),
                arguments("[1, 2]::INTEGER[2]", "INTEGER[2]", Types.ARRAY, "org.duckdb.DuckDBArray"),
                arguments("['ok'::mood]", "ENUM('sad', 'ok', 'happy')[]", Types.ARRAY, "org.duckdb.DuckDBArray"),
                arguments("{'a': 1, 'b': 'x'}", "STRUCT(a INTEGER, b VARCHAR)", Types.STRUCT,
                        "org.duckdb.DuckDBStruct"),
                arguments("[{'a': 1}]", "STRUCT(a INTEGER)[]", Types.ARRAY, "org.duckdb.DuckDBArray"),
                arguments("row(1, 'a')", "TUPLE(INTEGER, VARCHAR)", Types.STRUCT, "org.duckdb.DuckDBStruct"),
                arguments("MAP {'k': 1}", "MAP(VARCHAR, INTEGER)", Types.OTHER, "java.util.LinkedHashMap"),
                arguments("MAP {1: 'a'}", "MAP(INTEGER, VARCHAR)", Types.OTHER, "java.util.LinkedHashMap"),
                // a UNION gives the current member's value, its tag is lost
                arguments("union_value(n := 2)::UNION(n INTEGER, s VARCHAR)", "UNION(n INTEGER, s VARCHAR)",
                        Types.OTHER, "java.lang.Integer"),
                arguments("'{\"a\": 1}'::JSON", "JSON", Types.OTHER, "org.duckdb.JsonNode"),
                // a VARIANT gives the value of its current type: here a STRUCT with sorted keys
                arguments("{'b': 1, 'a': 2}::VARIANT", "VARIANT", Types.OTHER, "org.duckdb.DuckDBStruct"),
                arguments("1::VARIANT", "VARIANT", Types.OTHER, "java.lang.Integer"),
                arguments("'POINT(1 2)'::GEOMETRY", "GEOMETRY", Types.BLOB,
                        "org.duckdb.DuckDBResultSet$DuckDBBlobResult"),
                arguments("123::BIGNUM", "BIGNUM", Types.OTHER, "java.lang.String"));
    }

    @Test
    void selectNullIsOfTypeQuotedNull() throws Exception {
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT NULL")) {
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("\"NULL\"");
        }
    }

    @Test
    void timestampGettersAvoidTheJvmZone() throws Exception {
        String sql = "SELECT TIMESTAMP '2024-03-01 13:45:00.123456', TIMESTAMPTZ '2024-03-01 13:45:00.5+02',"
                + " '2024-03-01 13:45:00.123456789'::TIMESTAMP_NS, 'infinity'::TIMESTAMP_S";
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();

            // getLong gives the raw microseconds since the epoch for TIMESTAMP and TIMESTAMPTZ
            assertThat(rs.getLong(1)).isEqualTo(1_709_300_700_123_456L);
            assertThat(rs.getLong(2)).isEqualTo(1_709_293_500_500_000L);
            // the other precisions only convert; LocalDateTime is their UTC wall time
            assertThat(rs.getObject(3, LocalDateTime.class)).isEqualTo("2024-03-01T13:45:00.123456789");
            assertThatThrownBy(() -> rs.getObject(4, LocalDateTime.class))
                    .hasMessageContaining("Instant exceeds minimum or maximum instant");
        }
    }

    /**
     * DuckDB's Arrow API (used by the official mock) returns DML as a one-row {@code Count} column; DuckDB JDBC instead
     * reports an update count and no result set, so the server has to present that count as a row itself.
     */
    @Test
    void insertGivesAnUpdateCountNotAResultSet() throws Exception {
        db.execute("CREATE TABLE facts_insert (a INTEGER)");
        try (Statement s = db.connection().createStatement()) {
            assertThat(s.execute("INSERT INTO facts_insert VALUES (1), (2)")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getResultSet()).isNull();
        }
    }
}
