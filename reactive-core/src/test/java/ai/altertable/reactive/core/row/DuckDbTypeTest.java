package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.DuckDbType.Field;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuckDbTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "BOOLEAN, BOOLEAN", "bool, BOOLEAN", "LOGICAL, BOOLEAN",
            "TINYINT, TINYINT", "int1, TINYINT",
            "SMALLINT, SMALLINT", "INT2, SMALLINT", "short, SMALLINT",
            "INTEGER, INTEGER", "int, INTEGER", "Int4, INTEGER", "SIGNED, INTEGER",
            "BIGINT, BIGINT", "INT8, BIGINT", "long, BIGINT",
            "HUGEINT, HUGEINT", "INT128, HUGEINT", "UHUGEINT, UHUGEINT",
            "UTINYINT, UTINYINT", "USMALLINT, USMALLINT", "UINTEGER, UINTEGER", "UBIGINT, UBIGINT",
            "FLOAT, FLOAT", "REAL, FLOAT", "FLOAT4, FLOAT",
            "DOUBLE, DOUBLE", "FLOAT8, DOUBLE", "DOUBLE PRECISION, DOUBLE",
            "VARCHAR, VARCHAR", "STRING, VARCHAR", "text, VARCHAR", "CHAR, VARCHAR", "BPCHAR, VARCHAR",
            "VARCHAR(255), VARCHAR", "char(3), VARCHAR",
            "UUID, UUID", "BLOB, BLOB", "BYTEA, BLOB", "BINARY, BLOB", "VARBINARY, BLOB", "BIT, BIT",
            "DATE, DATE", "TIME, TIME", "TIME_NS, TIME_NS", "TIMETZ, TIMETZ", "time with time zone, TIMETZ",
            "TIMESTAMP, TIMESTAMP", "DATETIME, TIMESTAMP", "TIMESTAMP_US, TIMESTAMP",
            "TIMESTAMP WITHOUT TIME ZONE, TIMESTAMP",
            "TIMESTAMP_S, TIMESTAMP_S", "TIMESTAMP_MS, TIMESTAMP_MS", "TIMESTAMP_NS, TIMESTAMP_NS",
            "TIMESTAMPTZ, TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE, TIMESTAMPTZ", "timestamp  with  time zone, TIMESTAMPTZ",
            "TIMESTAMPTZ_NS, TIMESTAMPTZ_NS", "timestamp_tz_ns, TIMESTAMPTZ_NS",
            "INTERVAL, INTERVAL", "JSON, JSON", "VARIANT, VARIANT", "'\"NULL\"', NULL", "NULL, NULL",
            "NUMERIC, DECIMAL", "'DECIMAL(10,2)', DECIMAL", "MAP, MAP", "STRUCT, STRUCT", "LIST, LIST"
    })
    void recognisesNamesAndAliasesIgnoringCase(String name, Kind kind) {
        DuckDbType type = DuckDbType.parse(name);
        assertThat(type.kind()).isEqualTo(kind);
        assertThat(type.typeName()).isEqualTo(name);
    }

    @Test
    void decimalHasPrecisionAndScale() {
        assertThat(DuckDbType.parse("DECIMAL(10,2)")).satisfies(t -> {
            assertThat(t.precision()).isEqualTo(10);
            assertThat(t.scale()).isEqualTo(2);
            assertThat(t).hasToString("DECIMAL(10,2)");
        });
        assertThat(DuckDbType.parse("numeric( 38 , 10 )")).hasToString("DECIMAL(38,10)");
        assertThat(DuckDbType.parse("DECIMAL(7)")).satisfies(t -> assertThat(t.scale()).isZero());
        DuckDbType bare = DuckDbType.parse("decimal");
        assertThat(bare.precision()).isEqualTo(18);
        assertThat(bare.scale()).isEqualTo(3);
        assertThat(DuckDbType.parse("INTEGER").precision()).isEqualTo(-1);
    }

    @Test
    void listsArraysAndNesting() {
        DuckDbType list = DuckDbType.parse("INTEGER[]");
        assertThat(list.kind()).isEqualTo(Kind.LIST);
        assertThat(list.elementType().kind()).isEqualTo(Kind.INTEGER);
        assertThat(list.arraySize()).isEqualTo(-1);

        DuckDbType array = DuckDbType.parse("integer[3]");
        assertThat(array.kind()).isEqualTo(Kind.ARRAY);
        assertThat(array.arraySize()).isEqualTo(3);
        assertThat(array).hasToString("INTEGER[3]");

        DuckDbType nested = DuckDbType.parse("VARCHAR[][2]");
        assertThat(nested.kind()).isEqualTo(Kind.ARRAY);
        assertThat(nested.elementType().kind()).isEqualTo(Kind.LIST);
        assertThat(nested.elementType().elementType().kind()).isEqualTo(Kind.VARCHAR);
        assertThat(nested).hasToString("VARCHAR[][2]");

        assertThat(DuckDbType.parse("LIST(BIGINT)")).isEqualTo(DuckDbType.parse("BIGINT[]"));
        assertThat(DuckDbType.parse("DECIMAL(4,1)[]").elementType().scale()).isEqualTo(1);
        assertThat(DuckDbType.parse("LIST").elementType()).isEqualTo(DuckDbType.unknown());
    }

    @Test
    void structWithQuotedAndNestedFields() {
        DuckDbType type = DuckDbType.parse("STRUCT(a INTEGER, \"b c\" VARCHAR, \"say \"\"hi\"\"\" INT[], d STRUCT(x INT))");

        assertThat(type.kind()).isEqualTo(Kind.STRUCT);
        assertThat(type.fields()).extracting(Field::name).containsExactly("a", "b c", "say \"hi\"", "d");
        assertThat(type.fields()).extracting(f -> f.type().kind())
                .containsExactly(Kind.INTEGER, Kind.VARCHAR, Kind.LIST, Kind.STRUCT);
        assertThat(type.fields().get(3).type().fields()).containsExactly(new Field("x", DuckDbType.of(Kind.INTEGER)));
        assertThat(type).hasToString("STRUCT(a INTEGER, \"b c\" VARCHAR, \"say \"\"hi\"\"\" INTEGER[], d STRUCT(x INTEGER))");
        assertThat(DuckDbType.parse(type.toString())).isEqualTo(type);
        assertThat(DuckDbType.parse("ROW(a INT)").kind()).isEqualTo(Kind.STRUCT);
        assertThat(DuckDbType.parse("STRUCT(\"Key\" INT)").fields().get(0).name()).isEqualTo("Key");
    }

    @Test
    void tupleIsAStructWithFieldsNamedByPosition() {
        DuckDbType tuple = DuckDbType.parse("TUPLE(INTEGER, VARCHAR)");

        assertThat(tuple.kind()).isEqualTo(Kind.STRUCT);
        assertThat(tuple.javaType()).isEqualTo(Map.class);
        assertThat(tuple.fields()).containsExactly(
                new Field("0", DuckDbType.of(Kind.INTEGER)), new Field("1", DuckDbType.of(Kind.VARCHAR)));
        assertThat(tuple).hasToString("TUPLE(INTEGER, VARCHAR)")
                .isEqualTo(DuckDbType.tuple(List.of(DuckDbType.of(Kind.INTEGER), DuckDbType.of(Kind.VARCHAR))))
                .isEqualTo(DuckDbType.parse("tuple( int ,text )"))
                .isNotEqualTo(DuckDbType.parse("STRUCT(\"0\" INTEGER, \"1\" VARCHAR)"));
        assertThat(DuckDbType.parse("TUPLE").fields()).isEmpty();
        assertThat(DuckDbType.parse("TUPLE()")).hasToString("TUPLE");
    }

    @Test
    void tuplesNestAnywhere() {
        DuckDbType struct = DuckDbType.parse("STRUCT(a TUPLE(INTEGER, INTEGER))");
        assertThat(struct.fields().get(0).type()).hasToString("TUPLE(INTEGER, INTEGER)");
        assertThat(struct.fields().get(0).type().typeName()).isEqualTo("TUPLE(INTEGER, INTEGER)");

        DuckDbType list = DuckDbType.parse("TUPLE(TUPLE(INTEGER, INTEGER), INTEGER[])[]");
        assertThat(list.kind()).isEqualTo(Kind.LIST);
        assertThat(list.elementType().fields()).extracting(f -> f.type().kind())
                .containsExactly(Kind.STRUCT, Kind.LIST);
        assertThat(DuckDbType.parse(list.toString())).isEqualTo(list);
        assertThat(DuckDbType.parse("TUPLE(INTEGER").kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void mapUnionAndEnum() {
        DuckDbType map = DuckDbType.parse("MAP(VARCHAR, INTEGER[])");
        assertThat(map.keyType().kind()).isEqualTo(Kind.VARCHAR);
        assertThat(map.valueType().kind()).isEqualTo(Kind.LIST);
        assertThat(map).hasToString("MAP(VARCHAR, INTEGER[])");
        assertThat(DuckDbType.parse("MAP").keyType()).isEqualTo(DuckDbType.unknown());

        DuckDbType union = DuckDbType.parse("UNION(num INTEGER, str VARCHAR)");
        assertThat(union.kind()).isEqualTo(Kind.UNION);
        assertThat(union.fields()).extracting(Field::name).containsExactly("num", "str");

        DuckDbType enumType = DuckDbType.parse("ENUM('a', 'b''c', '')");
        assertThat(enumType.kind()).isEqualTo(Kind.ENUM);
        assertThat(enumType.enumValues()).containsExactly("a", "b'c", "");
        assertThat(enumType).hasToString("ENUM('a', 'b''c', '')");
    }

    @Test
    void canonicalNamesAndEquality() {
        assertThat(DuckDbType.parse("int")).isEqualTo(DuckDbType.parse("INTEGER")).hasToString("INTEGER");
        assertThat(DuckDbType.parse("int").hashCode()).isEqualTo(DuckDbType.parse("INTEGER").hashCode());
        assertThat(DuckDbType.parse("timestamp with time zone")).hasToString("TIMESTAMP WITH TIME ZONE");
        assertThat(DuckDbType.parse("TIMETZ")).hasToString("TIME WITH TIME ZONE");
        assertThat(DuckDbType.parse("\"NULL\"")).hasToString("\"NULL\"");
        assertThat(DuckDbType.parse("time_ns")).hasToString("TIME_NS");
        assertThat(DuckDbType.parse("TIMESTAMP_TZ_NS")).isEqualTo(DuckDbType.parse("TIMESTAMPTZ_NS"))
                .hasToString("TIMESTAMPTZ_NS");
        assertThat(DuckDbType.parse("INTEGER")).isNotEqualTo(DuckDbType.parse("BIGINT"));
        assertThat(DuckDbType.parse("DECIMAL(10,2)")).isNotEqualTo(DuckDbType.parse("DECIMAL(10,3)"));
        assertThat(DuckDbType.parse("  BIGINT  ").typeName()).isEqualTo("  BIGINT  ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "GEOMETRY", "STRUCT(a INTEGER", "DECIMAL(x)", "INTEGER[", "MAP(VARCHAR)",
            "ENUM('a", "INTEGER INTEGER", "STRUCT(a)", "[]", "DECIMAL(2,5)", "INTEGER[-1]", "STRUCT(\"a INT)"})
    void unknownOrMalformedNamesGiveUnknownAndKeepTheText(String text) {
        DuckDbType type = DuckDbType.parse(text);
        assertThat(type.kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(type.typeName()).isEqualTo(text);
        assertThat(type).hasToString(text.trim());
        assertThat(type.javaType()).isEqualTo(Object.class);
    }

    @Test
    void unknownNamesNestedInKnownOnesStayLocal() {
        DuckDbType list = DuckDbType.parse("GEOMETRY[]");
        assertThat(list.kind()).isEqualTo(Kind.LIST);
        assertThat(list.elementType().kind()).isEqualTo(Kind.UNKNOWN);
        assertThat(list.elementType().typeName()).isEqualTo("GEOMETRY");

        DuckDbType struct = DuckDbType.parse("STRUCT(g GEOMETRY('OGC:CRS84'), n INT)");
        assertThat(struct.fields().get(0).type().typeName()).isEqualTo("GEOMETRY('OGC:CRS84')");
        assertThat(struct.fields().get(1).type().kind()).isEqualTo(Kind.INTEGER);
    }

    @Test
    void absurdNestingIsRejectedWithoutStackOverflow() {
        String deep = "INTEGER" + "[]".repeat(10_000);
        assertThat(DuckDbType.parse(deep).kind()).isEqualTo(Kind.LIST); // suffixes loop, no recursion
        String recursive = "LIST(".repeat(10_000) + "INTEGER" + ")".repeat(10_000);
        assertThat(DuckDbType.parse(recursive).kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void nullAndNoTypeName() {
        assertThat(DuckDbType.parse(null)).isSameAs(DuckDbType.unknown());
        assertThat(DuckDbType.unknown().typeName()).isNull();
        assertThat(DuckDbType.unknown().kind()).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void javaTypesFollowTheRowContract() {
        assertThat(DuckDbType.parse("UBIGINT").javaType()).isEqualTo(BigInteger.class);
        assertThat(DuckDbType.parse("UINTEGER").javaType()).isEqualTo(Long.class);
        assertThat(DuckDbType.parse("UTINYINT").javaType()).isEqualTo(Short.class);
        assertThat(DuckDbType.parse("DECIMAL(3,1)").javaType()).isEqualTo(BigDecimal.class);
        assertThat(DuckDbType.parse("TIMESTAMP_NS").javaType()).isEqualTo(LocalDateTime.class);
        assertThat(DuckDbType.parse("TIMESTAMPTZ").javaType()).isEqualTo(OffsetDateTime.class);
        assertThat(DuckDbType.parse("TIME_NS").javaType()).isEqualTo(LocalTime.class);
        assertThat(DuckDbType.parse("TIMESTAMPTZ_NS").javaType()).isEqualTo(OffsetDateTime.class);
        assertThat(DuckDbType.parse("BLOB").javaType()).isEqualTo(byte[].class);
        assertThat(DuckDbType.parse("INTEGER[2]").javaType()).isEqualTo(List.class);
        assertThat(DuckDbType.parse("STRUCT(a INT)").javaType()).isEqualTo(Map.class);
        assertThat(DuckDbType.parse("JSON").javaType()).isEqualTo(JsonNode.class);
        assertThat(DuckDbType.parse("INTERVAL").javaType()).isEqualTo(Interval.class);
    }

    @Test
    void factoriesBuildTheSameTypesAsTheParser() {
        assertThat(DuckDbType.list(DuckDbType.of(Kind.BIGINT))).isEqualTo(DuckDbType.parse("BIGINT[]"));
        assertThat(DuckDbType.array(DuckDbType.of(Kind.DOUBLE), 3)).isEqualTo(DuckDbType.parse("DOUBLE[3]"));
        assertThat(DuckDbType.decimal(10, 2)).isEqualTo(DuckDbType.parse("NUMERIC(10,2)"));
        assertThat(DuckDbType.of(Kind.DECIMAL)).isEqualTo(DuckDbType.parse("DECIMAL"));
        assertThat(DuckDbType.map(DuckDbType.of(Kind.VARCHAR), DuckDbType.of(Kind.INTEGER)))
                .isEqualTo(DuckDbType.parse("MAP(TEXT, INT4)"));
        assertThat(DuckDbType.struct(List.of(new Field("a", DuckDbType.of(Kind.INTEGER)))))
                .isEqualTo(DuckDbType.parse("STRUCT(a INTEGER)"));
        assertThat(DuckDbType.enumOf(List.of("x"))).isEqualTo(DuckDbType.parse("ENUM('x')"));
        assertThatThrownBy(() -> DuckDbType.of(Kind.LIST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DuckDbType.decimal(2, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
