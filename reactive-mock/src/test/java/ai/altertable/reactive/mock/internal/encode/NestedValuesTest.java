package ai.altertable.reactive.mock.internal.encode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** LIST, ARRAY, STRUCT, MAP, JSON and VARIANT cells, and scalars nested inside them. */
class NestedValuesTest {

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

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource({"listsAndStructs", "maps", "scalarsInsideLists", "json", "variants"})
    void encodes(String expression, String expectedJson) throws Exception {
        assertThat(db.row("SELECT " + expression + " AS v")).isEqualTo("[" + expectedJson + "]");
    }

    /** The official mock casts VARIANT columns to JSON: encoding {@code v} must equal encoding {@code v::JSON}. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "'abc'", "{'b': 1, 'a': [true, NULL]}", "DATE '2024-01-01'", "DATE '-0044-03-15'",
            "TIMESTAMP '2024-01-01 12:00:00.5'", "TIMESTAMPTZ '2024-01-01 12:00:00.25+02'", "TIME '01:02:03.5'",
            "TIMETZ '13:45:00+05:30'", "'2024-01-01 00:00:00.123456789'::TIMESTAMP_NS", "1.50::DECIMAL(5,2)",
            "0.1::FLOAT", "0.1::DOUBLE", "1e300::DOUBLE", "{'x': 'NaN'::DOUBLE}", "'a''b\"c\\x5Cd'::BLOB",
            "'\\xDE\\xAD'::BLOB", "'550e8400-e29b-41d4-a716-446655440000'::UUID", "INTERVAL '1 month 2 days 00:00:01'",
            "MAP {'k': 1}", "170141183460469231731687303715884105727::HUGEINT", "18446744073709551615::UBIGINT",
            "[{'a': 1, 'b': NULL}, NULL]", "'line\nbreak \"quoted\" é😀'", "'{\"x\": [1, 2.50]}'::JSON",
            "'ok'::mood", "'101'::BIT", "[]::INTEGER[]", "{'empty': {}}"})
    void variantEncodesLikeItsJsonCast(String expression) throws Exception {
        String variant = db.row("SELECT (" + expression + ")::VARIANT AS v");
        String json = db.row("SELECT ((" + expression + ")::VARIANT)::JSON AS v");

        assertThat(variant).isEqualTo(json);
    }

    static Stream<Arguments> listsAndStructs() {
        return Stream.of(
                arguments("[1, 2, NULL]", "[1,2,null]"),
                arguments("[]::INTEGER[]", "[]"),
                arguments("[NULL]", "[null]"),
                arguments("[1, 2, 3]::INTEGER[3]", "[1,2,3]"),
                arguments("[[1, 2], [3, 4]]::INTEGER[2][2]", "[[1,2],[3,4]]"),
                arguments("[[1], [], NULL]", "[[1],[],null]"),
                // STRUCT as a positional array of its values
                arguments("{'a': 1, 'b': 'x'}", "[1,\"x\"]"),
                arguments("{'a': NULL, 'b': [1]}", "[null,[1]]"),
                arguments("[{'a': 1, 'b': 'x'}, NULL]", "[[1,\"x\"],null]"),
                arguments("{'a': {'b': [1, 2]}}", "[[[1,2]]]"),
                arguments("{'x': [{'y': MAP {'k': [1, 2]}}]}", "[[[{\"k\":[1,2]}]]]"),
                arguments("row(1, 'a')", "[1,\"a\"]"));
    }

    static Stream<Arguments> maps() {
        return Stream.of(
                // NULL values dropped, keys sorted
                arguments("MAP {'k2': 1, 'k1': NULL, 'a': 3}", "{\"a\":3,\"k2\":1}"),
                arguments("MAP {'k1': 1}", "{\"k1\":1}"),
                arguments("MAP {}::MAP(VARCHAR, INTEGER)", "{}"),
                arguments("MAP {'b': {'x': 1}, 'a': NULL}", "{\"b\":[1]}"),
                arguments("MAP {'～': 1, '😀': 2, 'a': 3}", "{\"a\":3,\"～\":1,\"😀\":2}"),
                arguments("MAP {'550e8400-e29b-41d4-a716-446655440000'::UUID: 1}",
                        "{\"550e8400-e29b-41d4-a716-446655440000\":1}"),
                arguments("[MAP {'a': [1]}, NULL]", "[{\"a\":[1]},null]"));
    }

    static Stream<Arguments> scalarsInsideLists() {
        return Stream.of(
                arguments("[TIMESTAMP '2024-03-01 13:45:00.5', NULL]", "[\"2024-03-01T13:45:00.500\",null]"),
                arguments("['2024-03-01 13:45:01'::TIMESTAMP_S]", "[\"2024-03-01T13:45:01\"]"),
                arguments("['2024-03-01 13:45:00.123456789'::TIMESTAMP_NS]", "[\"2024-03-01T13:45:00.123456789\"]"),
                arguments("[TIMESTAMPTZ '2024-03-01 13:45:00+02']", "[\"2024-03-01T11:45:00Z\"]"),
                arguments("[DATE '2024-03-01']", "[\"2024-03-01\"]"),
                arguments("[TIME '01:02:03.5']", "[\"01:02:03.500\"]"),
                arguments("[TIMETZ '13:45:00+02']", "[\"13:45:00\"]"),
                arguments("[INTERVAL '1 day']", "[\"1 days\"]"),
                arguments("[1.50::DECIMAL(5,2), 2::DECIMAL(30,2)]", "[1.5,2.0]"),
                arguments("[0.1::FLOAT, 'NaN'::FLOAT]", "[0.1,null]"),
                arguments("[1e16::DOUBLE]", "[1e16]"),
                arguments("[42::HUGEINT, 170141183460469231731687303715884105727::HUGEINT]",
                        "[42,1.7014118346046922e37]"),
                arguments("[18446744073709551615::UBIGINT]", "[18446744073709551615]"),
                arguments("[255::UTINYINT, 65535::USMALLINT]", "[255,65535]"),
                arguments("['\\xDE\\xAD'::BLOB]", "[\"dead\"]"),
                arguments("['101'::BIT]", "[\"05fd\"]"),
                arguments("['550E8400-E29B-41D4-A716-446655440000'::UUID]",
                        "[\"550e8400-e29b-41d4-a716-446655440000\"]"),
                arguments("['ok'::mood]", "[\"ok\"]"),
                arguments("[true, NULL]", "[true,null]"),
                // Arrow exports JSON as plain text: below the top level it stays a string
                arguments("['{\"b\":1}'::JSON]", "[\"{\\\"b\\\":1}\"]"));
    }

    static Stream<Arguments> json() {
        return Stream.of(
                arguments("'{\"b\": 1, \"a\": [2]}'::JSON", "{\"a\":[2],\"b\":1}"),
                arguments("'{\"a\":1,\"b\":[2]}'::JSON", "{\"a\":1,\"b\":[2]}"),
                arguments("'[1, 2.50, 1e2]'::JSON", "[1,2.5,100.0]"),
                arguments("'\"s\"'::JSON", "\"s\""),
                arguments("'42'::JSON", "42"),
                arguments("'true'::JSON", "true"),
                arguments("json_object('k', NULL)", "{\"k\":null}"),
                // DuckDB accepts these, serde_json does not: the text itself as a string
                arguments("'NaN'::JSON", "\"NaN\""),
                arguments("'[1,]'::JSON", "\"[1,]\""),
                arguments("'{\"a\": 1e400}'::JSON", "\"{\\\"a\\\": 1e400}\""));
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                arguments("{'nested': {'x': true}}::VARIANT", "{\"nested\":{\"x\":true}}"),
                arguments("1::VARIANT", "1"),
                arguments("'abc'::VARIANT", "\"abc\""),
                arguments("[1, 2]::VARIANT", "[1,2]"),
                arguments("0.1::FLOAT::VARIANT", "0.10000000149011612"),
                arguments("TIMESTAMP '2024-01-01 12:00:00.5'::VARIANT", "\"2024-01-01 12:00:00.5\""),
                arguments("MAP {'k': 1}::VARIANT", "[{\"key\":\"k\",\"value\":1}]"),
                arguments("{'x': 'NaN'::DOUBLE}::VARIANT", "\"{\\\"x\\\":NaN}\""),
                arguments("NULL::VARIANT", "null"));
    }
}
