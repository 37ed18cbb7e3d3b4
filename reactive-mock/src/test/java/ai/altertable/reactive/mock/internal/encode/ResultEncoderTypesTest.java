package ai.altertable.reactive.mock.internal.encode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One scalar DuckDB value per row of protocol §6, encoded by {@link ResultEncoder#writeRow}, compared with the exact
 * JSON text the official mock sends. Every value is followed by a NULL of the same type in the next row, so each
 * typed getter's {@code wasNull()} handling is exercised after a non-null value too.
 */
class ResultEncoderTypesTest {

    private static InMemoryDuckDb db;

    @BeforeAll
    static void open() throws Exception {
        db = new InMemoryDuckDb();
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource({"booleansAndIntegers", "hugeIntegers", "decimals", "floats", "texts", "dates", "times",
            "timestamps", "intervals"})
    void encodesValueThenNull(String expression, String expectedJson) throws Exception {
        String sql = "SELECT v FROM (SELECT 1 AS o, " + expression + " AS v UNION ALL SELECT 2, NULL) ORDER BY o";

        assertThat(db.rows(sql)).containsExactly("[" + expectedJson + "]", "[null]");
    }

    static Stream<Arguments> booleansAndIntegers() {
        return Stream.of(
                arguments("true", "true"),
                arguments("false", "false"),
                arguments("(-128)::TINYINT", "-128"),
                arguments("(-32768)::SMALLINT", "-32768"),
                arguments("2147483647::INTEGER", "2147483647"),
                arguments("(-9223372036854775808)::BIGINT", "-9223372036854775808"),
                arguments("9223372036854775807::BIGINT", "9223372036854775807"),
                arguments("255::UTINYINT", "255"),
                arguments("65535::USMALLINT", "65535"),
                arguments("4294967295::UINTEGER", "4294967295"),
                arguments("18446744073709551615::UBIGINT", "18446744073709551615"),
                arguments("9223372036854775808::UBIGINT", "9223372036854775808"));
    }

    /**
     * HUGEINT and UHUGEINT reach the official mock as Arrow Decimal128(38, 0): exact while serde_json can hold them in
     * 64 bits, a double beyond. Protocol §6 gives {@code 1.7014118346046923e38} for HUGEINT's maximum, but Arrow's
     * decimal display keeps at most 38 digits of the 39-digit value (arrow-data {@code format_decimal_str}), so the
     * value is divided by ten; and serde_json's inexact parse makes its last digit 2.
     */
    static Stream<Arguments> hugeIntegers() {
        return Stream.of(
                arguments("42::HUGEINT", "42"),
                arguments("(SELECT SUM(x::INTEGER) FROM range(10) t(x))", "45"),
                arguments("(-9223372036854775808)::HUGEINT", "-9223372036854775808"),
                arguments("18446744073709551615::HUGEINT", "18446744073709551615"),
                arguments("18446744073709551616::HUGEINT", "1.8446744073709552e19"),
                arguments("(-9223372036854775809)::HUGEINT", "-9.223372036854776e18"),
                arguments("99999999999999999999999999999999999999::HUGEINT", "1e38"),
                arguments("170141183460469231731687303715884105727::HUGEINT", "1.7014118346046922e37"),
                arguments("(-170141183460469231731687303715884105727)::HUGEINT", "-1.7014118346046922e37"),
                arguments("42::UHUGEINT", "42"),
                // UHUGEINT's bits are exported as a signed 128-bit decimal: 2^128-1 reads as -1
                arguments("340282366920938463463374607431768211455::UHUGEINT", "-1"),
                arguments("170141183460469231731687303715884105728::UHUGEINT", "-1.7014118346046922e37"));
    }

    static Stream<Arguments> decimals() {
        return Stream.of(
                arguments("1.50::DECIMAL(5,2)", "1.5"),
                arguments("2.00::DECIMAL(4,2)", "2.0"),
                arguments("0::DECIMAL(4,2)", "0.0"),
                arguments("0.05::DECIMAL(4,2)", "0.05"),
                arguments("(-0.05)::DECIMAL(4,2)", "-0.05"),
                arguments("1234.5::DECIMAL(10,1)", "1234.5"),
                arguments("123::DECIMAL(10,0)", "123"),
                arguments("(-123)::DECIMAL(18,0)", "-123"),
                arguments("0.00001::DECIMAL(18,5)", "0.00001"),
                arguments("0.000001::DECIMAL(18,6)", "1e-6"),
                arguments("0.0000001::DECIMAL(18,7)", "1e-7"),
                arguments("1234567890123.456789::DECIMAL(19,6)", "1234567890123.4568"),
                arguments("12345678901234567890::DECIMAL(20,0)", "12345678901234567890"),
                arguments("12345678901234567890123456789.123456789::DECIMAL(38,9)", "1.2345678901234568e28"),
                arguments("99999999999999999999999999999999999999::DECIMAL(38,0)", "1e38"));
    }

    static Stream<Arguments> floats() {
        return Stream.of(
                arguments("1.5::FLOAT", "1.5"),
                arguments("0.1::FLOAT", "0.1"), // the float's shortest text, read back as a double
                arguments("16777216::FLOAT", "16777216.0"),
                arguments("3.4028235e38::FLOAT", "3.4028235e38"),
                arguments("'NaN'::FLOAT", "null"),
                arguments("'-inf'::FLOAT", "null"),
                arguments("1.0::DOUBLE", "1.0"),
                arguments("0.1::DOUBLE", "0.1"),
                arguments("(0.1::DOUBLE + 0.2::DOUBLE)", "0.30000000000000004"),
                arguments("1e15::DOUBLE", "1000000000000000.0"),
                arguments("1e16::DOUBLE", "1e16"),
                arguments("123456789012345680000::DOUBLE", "1.2345678901234568e20"),
                arguments("0.00001::DOUBLE", "0.00001"),
                arguments("0.000025::DOUBLE", "0.000025"),
                arguments("1e-7::DOUBLE", "1e-7"),
                arguments("'-0.0'::DOUBLE", "-0.0"),
                arguments("5e-324::DOUBLE", "5e-324"),
                arguments("1.7976931348623157e308::DOUBLE", "1.7976931348623157e308"),
                arguments("'NaN'::DOUBLE", "null"),
                arguments("'inf'::DOUBLE", "null"),
                arguments("'-inf'::DOUBLE", "null"));
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("'Alice'", "\"Alice\""),
                arguments("''", "\"\""),
                arguments("'a\"b\\c' || chr(1) || chr(10) || chr(31) || chr(127) || '/é😀'",
                        "\"a\\\"b\\\\c\\u0001\\n\\u001f\u007f/é😀\""),
                arguments("'550E8400-E29B-41D4-A716-446655440000'::UUID",
                        "\"550e8400-e29b-41d4-a716-446655440000\""),
                arguments("'red'::ENUM('red', 'green')", "\"red\""),
                arguments("'\\xDE\\xAD\\xBE\\xEF'::BLOB", "\"deadbeef\""),
                arguments("'abc'::BLOB", "\"616263\""),
                arguments("''::BLOB", "\"\""),
                // DuckDB's bit-string bytes: padding count, then the bits with the padding set to 1
                arguments("'101010'::BIT", "\"02ea\""),
                arguments("'10101010'::BIT", "\"00aa\""));
    }

    static Stream<Arguments> dates() {
        return Stream.of(
                arguments("DATE '2024-03-01'", "\"2024-03-01\""),
                arguments("DATE '0001-01-01'", "\"0001-01-01\""),
                arguments("DATE '-0044-03-15'", "\"-0044-03-15\""),
                arguments("DATE '10000-01-01'", "\"+10000-01-01\""),
                arguments("'infinity'::DATE",
                        "\"ERROR: Cast error: Failed to convert 2147483647 to temporal for Date32\""));
    }

    static Stream<Arguments> times() {
        return Stream.of(
                arguments("TIME '13:45:00'", "\"13:45:00\""),
                arguments("TIME '13:45:00.250'", "\"13:45:00.250\""),
                arguments("TIME '13:45:00.1'", "\"13:45:00.100\""),
                arguments("TIME '13:45:00.123456'", "\"13:45:00.123456\""),
                arguments("TIME '00:00:00.000001'", "\"00:00:00.000001\""),
                arguments("'13:45:00.123456789'::TIME_NS", "\"13:45:00.123456789\""),
                arguments("'13:45:00.5'::TIME_NS", "\"13:45:00.500\""),
                arguments("TIME '24:00:00'",
                        "\"ERROR: Cast error: Failed to convert 86400000000 to temporal for Time64(µs)\""),
                // DuckDB exports TIMETZ as the local time of day: the offset is dropped
                arguments("TIMETZ '13:45:00.25-05:30'", "\"13:45:00.250\""));
    }

    static Stream<Arguments> timestamps() {
        return Stream.of(
                arguments("TIMESTAMP '2024-03-01 13:45:00'", "\"2024-03-01T13:45:00\""),
                arguments("TIMESTAMP '2024-03-01 13:45:00.123456'", "\"2024-03-01T13:45:00.123456\""),
                arguments("TIMESTAMP '2024-03-01 13:45:00.12'", "\"2024-03-01T13:45:00.120\""),
                arguments("TIMESTAMP '1969-12-31 23:59:59.999999'", "\"1969-12-31T23:59:59.999999\""),
                arguments("'2024-03-01 13:45:01'::TIMESTAMP_S", "\"2024-03-01T13:45:01\""),
                arguments("'2024-03-01 13:45:00.123'::TIMESTAMP_MS", "\"2024-03-01T13:45:00.123\""),
                arguments("'2024-03-01 13:45:00.123456789'::TIMESTAMP_NS", "\"2024-03-01T13:45:00.123456789\""),
                arguments("'2024-03-01 13:45:00.5'::TIMESTAMP_NS", "\"2024-03-01T13:45:00.500\""),
                arguments("TIMESTAMPTZ '2024-03-01 13:45:00+02'", "\"2024-03-01T11:45:00Z\""),
                arguments("TIMESTAMPTZ '2024-03-01 13:45:00.5+00'", "\"2024-03-01T13:45:00.500Z\""),
                arguments("'2024-03-01 13:45:00.123456789+00'::TIMESTAMPTZ_NS", "\"2024-03-01T13:45:00.123456789Z\""),
                arguments("'infinity'::TIMESTAMP",
                        "\"ERROR: Cast error: Failed to convert 9223372036854775807 to datetime for Timestamp(µs)\""),
                arguments("'infinity'::TIMESTAMP_MS",
                        "\"ERROR: Cast error: Failed to convert 9223372036854775807 to datetime for Timestamp(ms)\""),
                // 2^63-1 nanoseconds is still a date chrono can show
                arguments("'infinity'::TIMESTAMP_NS", "\"2262-04-11T23:47:16.854775807\""));
    }

    static Stream<Arguments> intervals() {
        return Stream.of(
                arguments("INTERVAL '1 month 2 days 3 hours 4.5 seconds'",
                        "\"1 mons 2 days 3 hours 4.500000000 secs\""),
                arguments("INTERVAL '0 seconds'", "\"0 secs\""),
                arguments("INTERVAL '14 months'", "\"14 mons\""),
                arguments("INTERVAL '1 day'", "\"1 days\""),
                arguments("INTERVAL '90 minutes'", "\"1 hours 30 mins\""),
                arguments("INTERVAL '-1 day -90 minutes'", "\"-1 days -1 hours -30 mins\""),
                arguments("INTERVAL '-0.5 seconds'", "\"-0.500000000 secs\""),
                arguments("INTERVAL '61.000001 seconds'", "\"1 mins 1.000001000 secs\""),
                arguments("INTERVAL '-14 months 3 days'", "\"-14 mons 3 days\""));
    }
}
