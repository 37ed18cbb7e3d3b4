package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.DuckDbType.Field;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Type names exactly as DuckDB JDBC 2.0.0.1 spells them in {@code ResultSetMetaData.getColumnTypeName}, which is what
 * the mock server sends as a column's type (observed in the mock's {@code DuckDbJdbcFactsTest}).
 */
class JdbcTypeNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "BOOLEAN | BOOLEAN", "TINYINT | TINYINT", "SMALLINT | SMALLINT", "INTEGER | INTEGER", "BIGINT | BIGINT",
            "UTINYINT | UTINYINT", "USMALLINT | USMALLINT", "UINTEGER | UINTEGER", "UBIGINT | UBIGINT",
            "HUGEINT | HUGEINT", "UHUGEINT | UHUGEINT", "DECIMAL(5,2) | DECIMAL", "DECIMAL(30,2) | DECIMAL",
            "FLOAT | FLOAT", "DOUBLE | DOUBLE", "VARCHAR | VARCHAR", "UUID | UUID", "ENUM | ENUM", "BLOB | BLOB",
            "BIT | BIT", "DATE | DATE", "TIME | TIME", "TIME_NS | TIME_NS", "TIME WITH TIME ZONE | TIMETZ",
            "TIMESTAMP | TIMESTAMP", "TIMESTAMP_S | TIMESTAMP_S", "TIMESTAMP_MS | TIMESTAMP_MS",
            "TIMESTAMP_NS | TIMESTAMP_NS", "TIMESTAMP WITH TIME ZONE | TIMESTAMPTZ", "TIMESTAMPTZ_NS | TIMESTAMPTZ_NS",
            "INTERVAL | INTERVAL", "INTEGER[] | LIST", "INTEGER[2] | ARRAY", "ENUM('sad', 'ok', 'happy')[] | LIST",
            "STRUCT(a INTEGER, b VARCHAR) | STRUCT", "STRUCT(a INTEGER)[] | LIST", "STRUCT | STRUCT",
            "TUPLE(INTEGER, VARCHAR) | STRUCT", "MAP(VARCHAR, INTEGER) | MAP", "MAP(INTEGER, VARCHAR) | MAP",
            "UNION(n INTEGER, s VARCHAR) | UNION", "JSON | JSON", "VARIANT | VARIANT", "\"NULL\" | NULL",
            "\"NULL\"[] | LIST", "MAP(\"NULL\", \"NULL\") | MAP", "GEOMETRY | UNKNOWN", "BIGNUM | UNKNOWN"
    })
    void everySpellingOfTheDriverHasItsKind(String typeName, Kind kind) {
        DuckDbType type = DuckDbType.parse(typeName);

        assertThat(type.kind()).isEqualTo(kind);
        assertThat(type.typeName()).isEqualTo(typeName);
    }

    @Test
    void decimalKeepsPrecisionScaleAndSpelling() {
        DuckDbType type = DuckDbType.parse("DECIMAL(18,3)");

        assertThat(type.precision()).isEqualTo(18);
        assertThat(type.scale()).isEqualTo(3);
        assertThat(type.typeName()).isEqualTo("DECIMAL(18,3)");
    }

    @Test
    void listsAndFixedArraysNestInOrder() {
        DuckDbType listOfArrays = DuckDbType.parse("INTEGER[1][]");

        assertThat(listOfArrays.kind()).isEqualTo(Kind.LIST);
        assertThat(listOfArrays.elementType().kind()).isEqualTo(Kind.ARRAY);
        assertThat(listOfArrays.elementType().elementType().kind()).isEqualTo(Kind.INTEGER);
        assertThat(DuckDbType.parse("\"NULL\"[]").elementType().kind()).isEqualTo(Kind.NULL);
    }

    @Test
    void structFieldsWithQuotedNamesAndMultiWordTypes() {
        DuckDbType type = DuckDbType.parse(
                "STRUCT(\"my field\" INTEGER, \"b\"\"x\" VARCHAR[], c TIMESTAMP WITH TIME ZONE, d DECIMAL(5,2))[]");

        DuckDbType struct = type.elementType();
        assertThat(struct.kind()).isEqualTo(Kind.STRUCT);
        assertThat(struct.fields()).extracting(Field::name).containsExactly("my field", "b\"x", "c", "d");
        assertThat(struct.fields()).extracting(f -> f.type().kind())
                .containsExactly(Kind.INTEGER, Kind.LIST, Kind.TIMESTAMPTZ, Kind.DECIMAL);
        assertThat(struct.fields().get(3).type().scale()).isEqualTo(2);
        assertThat(DuckDbType.parse("STRUCT(\"Key\" INTEGER, \"x y\" INTEGER, \"café\" INTEGER)").fields())
                .extracting(Field::name).containsExactly("Key", "x y", "café");
    }

    @Test
    void mapAndUnionChildrenKeepTheirSpelling() {
        DuckDbType map = DuckDbType.parse("MAP(VARCHAR, STRUCT(a INTEGER)[])");
        DuckDbType union = DuckDbType.parse("UNION(num INTEGER, \"s t\" VARCHAR)");
        DuckDbType nested = DuckDbType.parse("MAP(VARCHAR, UNION(n INTEGER))");

        assertThat(map.keyType().kind()).isEqualTo(Kind.VARCHAR);
        assertThat(map.valueType().elementType().kind()).isEqualTo(Kind.STRUCT);
        assertThat(union.fields()).extracting(Field::name).containsExactly("num", "s t");
        assertThat(nested.valueType().typeName()).isEqualTo("UNION(n INTEGER)");
        assertThat(DuckDbType.parse("MAP(TIMESTAMP WITH TIME ZONE, INTEGER)").keyType().typeName())
                .isEqualTo("TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void enumLabelsOnlyWhenNested() {
        assertThat(DuckDbType.parse("ENUM").enumValues()).isEmpty();
        DuckDbType nested = DuckDbType.parse("ENUM('sad', 'o''k', 'happy')[]").elementType();
        assertThat(nested.kind()).isEqualTo(Kind.ENUM);
        assertThat(nested.enumValues()).containsExactly("sad", "o'k", "happy");
        assertThat(nested.typeName()).isEqualTo("ENUM('sad', 'o''k', 'happy')");
    }

    @Test
    void textAfterAWholeTypeMakesItUnknown() {
        assertThat(DuckDbType.parse("INTEGER)").kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(DuckDbType.parse("STRUCT(a INTEGER").kind()).isEqualTo(Kind.UNKNOWN);
    }
}
