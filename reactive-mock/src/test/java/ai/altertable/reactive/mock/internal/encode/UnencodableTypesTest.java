package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parsed types arrow-json refuses, and its text for them (type names as DuckDB JDBC 2.0.0.1 spells them). */
class UnencodableTypesTest {

    private static final String MAP_KEYS = "Json error: Only UTF8 keys supported by JSON MapArray Writer: got ";

    @Test
    void unencodableAnywhereInsideTheType() {
        assertThat(unencodable("MAP(VARCHAR, INTEGER)")).isFalse();
        assertThat(unencodable("MAP(UUID, INTEGER)")).isFalse();
        assertThat(unencodable("MAP(JSON, INTEGER[])")).isFalse();
        assertThat(unencodable("MAP(INTEGER, VARCHAR)[]")).isTrue();
        assertThat(unencodable("TUPLE(INTEGER, UNION(n INTEGER))[2]")).isTrue();
        assertThat(UnencodableTypes.firstUnencodable(parse("STRUCT(a MAP(VARCHAR, UNION(x INTEGER)))")).kind())
                .isEqualTo(Kind.UNION);
        assertThat(UnencodableTypes.firstUnencodable(parse("MAP(MAP(INTEGER, INTEGER), UNION(x INTEGER))")))
                .hasToString("MAP(MAP(INTEGER, INTEGER), UNION(x INTEGER))");
    }

    @Test
    void mapKeysAreNamedAsArrowNamesThemWhenItHasASimpleName() {
        assertThat(detail("MAP(INTEGER, VARCHAR)")).isEqualTo(MAP_KEYS + "Int32");
        assertThat(detail("MAP(DECIMAL(5,2), VARCHAR)")).isEqualTo(MAP_KEYS + "Decimal128(5, 2)");
        assertThat(detail("MAP(TIMESTAMP WITH TIME ZONE, VARCHAR)")).isEqualTo(MAP_KEYS + "TIMESTAMP WITH TIME ZONE");
        assertThat(detail("MAP(TUPLE(INTEGER, INTEGER), VARCHAR)")).isEqualTo(MAP_KEYS + "TUPLE(INTEGER, INTEGER)");
        assertThat(detail("MAP(\"NULL\", \"NULL\")")).isEqualTo(MAP_KEYS + "NULL"); // the type of MAP {}
    }

    @Test
    void unionsAreNamedInDuckDbSpelling() {
        assertThat(detail("STRUCT(u UNION(num INTEGER, \"s t\" VARCHAR))"))
                .isEqualTo("Json error: Unsupported data type for JSON encoding: UNION(num INTEGER, \"s t\" VARCHAR)");
    }

    private static DuckDbType parse(String typeName) {
        return DuckDbType.parse(typeName);
    }

    private static boolean unencodable(String typeName) {
        return UnencodableTypes.isUnencodable(parse(typeName));
    }

    private static String detail(String typeName) {
        return UnencodableTypes.detail(UnencodableTypes.firstUnencodable(parse(typeName)));
    }
}
