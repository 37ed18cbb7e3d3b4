package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.mock.internal.encode.DuckDbType.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Type names as DuckDB JDBC 2.0.0.1 spells them in {@code getColumnTypeName} (see {@link DuckDbJdbcFactsTest}). */
class DuckDbTypeParserTest {

    @Test
    void scalarNamesIncludingMultiWordAndQuotedOnes() {
        assertThat(DuckDbTypeParser.parse("INTEGER").kind()).isEqualTo(Kind.INTEGER);
        assertThat(DuckDbTypeParser.parse("TIMESTAMP WITH TIME ZONE").kind()).isEqualTo(Kind.TIMESTAMPTZ);
        assertThat(DuckDbTypeParser.parse("TIME WITH TIME ZONE").kind()).isEqualTo(Kind.TIMETZ);
        assertThat(DuckDbTypeParser.parse("TIMESTAMPTZ_NS").kind()).isEqualTo(Kind.TIMESTAMPTZ_NS);
        assertThat(DuckDbTypeParser.parse("\"NULL\"").kind()).isEqualTo(Kind.SQL_NULL);
        assertThat(DuckDbTypeParser.parse("GEOMETRY").kind()).isEqualTo(Kind.OTHER);
        assertThat(DuckDbTypeParser.parse("ENUM('sad', 'o''k', 'happy')").kind()).isEqualTo(Kind.ENUM);
    }

    @Test
    void decimalKeepsPrecisionAndScale() {
        DuckDbType type = DuckDbTypeParser.parse("DECIMAL(18,3)");

        assertThat(type.kind()).isEqualTo(Kind.DECIMAL);
        assertThat(type.precision()).isEqualTo(18);
        assertThat(type.scale()).isEqualTo(3);
        assertThat(type.name()).isEqualTo("DECIMAL(18,3)");
    }

    @Test
    void listsAndFixedArraysNestInOrder() {
        DuckDbType listOfArrays = DuckDbTypeParser.parse("INTEGER[1][]");

        assertThat(listOfArrays.kind()).isEqualTo(Kind.LIST);
        assertThat(listOfArrays.element().kind()).isEqualTo(Kind.ARRAY);
        assertThat(listOfArrays.element().element().kind()).isEqualTo(Kind.INTEGER);
        assertThat(DuckDbTypeParser.parse("\"NULL\"[]").element().kind()).isEqualTo(Kind.SQL_NULL);
    }

    @Test
    void structFieldsWithQuotedNamesAndMultiWordTypes() {
        DuckDbType type = DuckDbTypeParser.parse(
                "STRUCT(\"my field\" INTEGER, \"b\"\"x\" VARCHAR[], c TIMESTAMP WITH TIME ZONE, d DECIMAL(5,2))[]");

        DuckDbType struct = type.element();
        assertThat(struct.kind()).isEqualTo(Kind.STRUCT);
        assertThat(struct.fieldNames()).containsExactly("my field", "b\"x", "c", "d");
        assertThat(struct.children()).extracting(DuckDbType::kind)
                .containsExactly(Kind.INTEGER, Kind.LIST, Kind.TIMESTAMPTZ, Kind.DECIMAL);
        assertThat(struct.children().get(3).scale()).isEqualTo(2);
    }

    @Test
    void tupleFieldsArePositional() {
        DuckDbType type = DuckDbTypeParser.parse("TUPLE(INTEGER, VARCHAR)");

        assertThat(type.kind()).isEqualTo(Kind.STRUCT);
        assertThat(type.fieldNames()).containsExactly("element1", "element2");
        assertThat(DuckDbTypeParser.parse("STRUCT").children()).isEmpty();
    }

    @Test
    void mapAndUnion() {
        DuckDbType map = DuckDbTypeParser.parse("MAP(VARCHAR, STRUCT(a INTEGER)[])");
        DuckDbType union = DuckDbTypeParser.parse("UNION(num INTEGER, \"s t\" VARCHAR)");

        assertThat(map.key().kind()).isEqualTo(Kind.VARCHAR);
        assertThat(map.value().element().kind()).isEqualTo(Kind.STRUCT);
        assertThat(union.kind()).isEqualTo(Kind.UNION);
        assertThat(union.fieldNames()).containsExactly("num", "s t");
    }

    @Test
    void unencodableAnywhereInsideTheType() {
        assertThat(DuckDbTypeParser.parse("MAP(VARCHAR, INTEGER)").isUnencodable()).isFalse();
        assertThat(DuckDbTypeParser.parse("MAP(UUID, INTEGER)").isUnencodable()).isFalse();
        assertThat(DuckDbTypeParser.parse("MAP(INTEGER, VARCHAR)[]").isUnencodable()).isTrue();
        assertThat(DuckDbTypeParser.parse("STRUCT(a MAP(VARCHAR, UNION(x INTEGER)))").firstUnencodable().kind())
                .isEqualTo(Kind.UNION);
    }

    @Test
    void malformedNamesAreRejected() {
        assertThatThrownBy(() -> DuckDbTypeParser.parse("STRUCT(a INTEGER"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STRUCT(a INTEGER");
        assertThatThrownBy(() -> DuckDbTypeParser.parse("INTEGER)")).isInstanceOf(IllegalArgumentException.class);
    }
}
