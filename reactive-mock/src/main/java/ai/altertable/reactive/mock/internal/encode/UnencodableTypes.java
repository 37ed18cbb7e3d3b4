package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.mock.internal.encode.DuckDbType.Kind;

import java.util.Map;

/**
 * The error text arrow-json gives for a type it cannot write, as the official mock reports it after
 * {@code failed to encode column value as JSON: }. The key type of a MAP is named as Arrow's {@code Debug} names the
 * type DuckDB exports it as ({@code Int32} for INTEGER); types without a simple Arrow name, and UNIONs (whose Arrow
 * {@code Debug} lists every field in detail), are named with their DuckDB spelling instead, which is where this text
 * knowingly differs from the official mock. Stateless and thread-safe.
 */
final class UnencodableTypes {

    private static final Map<Kind, String> ARROW_NAMES = Map.ofEntries(
            Map.entry(Kind.BOOLEAN, "Boolean"), Map.entry(Kind.TINYINT, "Int8"), Map.entry(Kind.SMALLINT, "Int16"),
            Map.entry(Kind.INTEGER, "Int32"), Map.entry(Kind.BIGINT, "Int64"), Map.entry(Kind.UTINYINT, "UInt8"),
            Map.entry(Kind.USMALLINT, "UInt16"), Map.entry(Kind.UINTEGER, "UInt32"),
            Map.entry(Kind.UBIGINT, "UInt64"), Map.entry(Kind.HUGEINT, "Decimal128(38, 0)"),
            Map.entry(Kind.UHUGEINT, "Decimal128(38, 0)"), Map.entry(Kind.FLOAT, "Float32"),
            Map.entry(Kind.DOUBLE, "Float64"), Map.entry(Kind.DATE, "Date32"), Map.entry(Kind.BLOB, "Binary"),
            Map.entry(Kind.BIT, "Binary"), Map.entry(Kind.TIME, "Time64(Microsecond)"),
            Map.entry(Kind.TIMESTAMP, "Timestamp(Microsecond, None)"),
            Map.entry(Kind.INTERVAL, "Interval(MonthDayNano)"));

    private UnencodableTypes() {
    }

    /** arrow-json's error for {@code type}, one that {@link DuckDbType#firstUnencodable()} returned. */
    static String detail(DuckDbType type) {
        if (type.kind() == Kind.UNION) {
            return "Json error: Unsupported data type for JSON encoding: " + type.name();
        }
        return "Json error: Only UTF8 keys supported by JSON MapArray Writer: got " + arrowName(type.key());
    }

    private static String arrowName(DuckDbType type) {
        if (type.kind() == Kind.DECIMAL) {
            return "Decimal128(" + type.precision() + ", " + type.scale() + ")";
        }
        return ARROW_NAMES.getOrDefault(type.kind(), type.name());
    }
}
