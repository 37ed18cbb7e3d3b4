package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.DuckDbType.Field;
import ai.altertable.reactive.core.row.DuckDbType.Kind;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The types the official mock's JSON writer (arrow-json) refuses, and the error text it gives for them, as the official
 * mock reports it after {@code failed to encode column value as JSON: }.
 *
 * <p>arrow-json refuses a MAP whose keys are not exported as Arrow Utf8 (only VARCHAR, UUID and JSON keys are), and a
 * UNION, anywhere inside a column's type. It builds its encoders for the whole type before looking at any value, so
 * one such type nested anywhere fails every non-null cell of the column, even an empty list.
 *
 * <p>The key type of a MAP is named as Arrow's {@code Debug} names the type DuckDB exports it as ({@code Int32} for
 * INTEGER); types without a simple Arrow name, and UNIONs (whose Arrow {@code Debug} lists every field in detail), are
 * named with their DuckDB spelling instead, which is where this text knowingly differs from the official mock.
 * Stateless and thread-safe.
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

    /** Whether arrow-json refuses {@code type}: it holds a UNION or a MAP without text keys, at any depth. */
    static boolean isUnencodable(DuckDbType type) {
        return firstUnencodable(type) != null;
    }

    /**
     * The first type inside {@code type} (itself included, then its element, fields, or key and value, in order) that
     * arrow-json refuses, or {@code null}.
     */
    static DuckDbType firstUnencodable(DuckDbType type) {
        if (type.kind() == Kind.UNION || (type.kind() == Kind.MAP && !hasTextKeys(type))) {
            return type;
        }
        for (DuckDbType child : children(type)) {
            DuckDbType found = firstUnencodable(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<DuckDbType> children(DuckDbType type) {
        switch (type.kind()) {
            case LIST:
            case ARRAY:
                return List.of(type.elementType());
            case MAP:
                return List.of(type.keyType(), type.valueType());
            default: // a STRUCT's fields; no other kind has any
                return type.fields().stream().map(Field::type).collect(Collectors.toList());
        }
    }

    /** arrow-json's error for {@code type}, one that {@link #firstUnencodable(DuckDbType)} returned. */
    static String detail(DuckDbType type) {
        if (type.kind() == Kind.UNION) {
            return "Json error: Unsupported data type for JSON encoding: " + type.typeName();
        }
        return "Json error: Only UTF8 keys supported by JSON MapArray Writer: got " + arrowName(type.keyType());
    }

    /** Whether this MAP's keys reach arrow-json as Utf8: DuckDB exports VARCHAR, UUID and JSON as Utf8. */
    private static boolean hasTextKeys(DuckDbType map) {
        Kind keyKind = map.keyType().kind();
        return keyKind == Kind.VARCHAR || keyKind == Kind.UUID || keyKind == Kind.JSON;
    }

    private static String arrowName(DuckDbType type) {
        if (type.kind() == Kind.DECIMAL) {
            return "Decimal128(" + type.precision() + ", " + type.scale() + ")";
        }
        String arrowName = ARROW_NAMES.get(type.kind());
        if (arrowName != null) {
            return arrowName;
        }
        // DuckDB's spelling, without the quotes of "NULL" (the key type of MAP {}); a bare MAP's key has no name
        return type.kind() == Kind.NULL ? "NULL" : type.typeName() != null ? type.typeName() : type.toString();
    }
}
