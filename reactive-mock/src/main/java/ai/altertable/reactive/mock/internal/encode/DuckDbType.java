package ai.altertable.reactive.mock.internal.encode;

import java.util.List;
import java.util.Objects;

/**
 * A DuckDB column type as spelled by {@code ResultSetMetaData.getColumnTypeName} of DuckDB JDBC 2.0.0.1, parsed once
 * per result by {@link DuckDbTypeParser} so that no cell ever looks at a type name again.
 *
 * <p>Nested kinds carry their children: {@link Kind#LIST} and {@link Kind#ARRAY} one element type; {@link Kind#STRUCT}
 * and {@link Kind#UNION} one child per field, with {@link #fieldNames()} alongside; {@link Kind#MAP} the key then the
 * value type. {@link Kind#DECIMAL} carries its precision and scale. Immutable and thread-safe.
 *
 * @param kind what the type is
 * @param name the DuckDB spelling this type was parsed from (for messages)
 * @param children element, field, or key and value types; empty for scalar kinds
 * @param fieldNames STRUCT/UNION field names, positionally aligned with {@code children}; empty otherwise
 * @param precision DECIMAL precision, 0 otherwise
 * @param scale DECIMAL scale, 0 otherwise
 */
record DuckDbType(Kind kind, String name, List<DuckDbType> children, List<String> fieldNames, int precision,
                  int scale) {

    /** The DuckDB logical types the encoder tells apart. */
    enum Kind {
        SQL_NULL, BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER, UBIGINT, HUGEINT,
        UHUGEINT, DECIMAL, FLOAT, DOUBLE, VARCHAR, UUID, ENUM, BLOB, BIT, DATE, TIME, TIME_NS, TIMETZ, TIMESTAMP,
        TIMESTAMP_S, TIMESTAMP_MS, TIMESTAMP_NS, TIMESTAMPTZ, TIMESTAMPTZ_NS, INTERVAL, JSON, VARIANT, LIST, ARRAY,
        STRUCT, MAP, UNION,
        /** Anything else (GEOMETRY, BIGNUM, types of future DuckDB versions): encoded as its JDBC string. */
        OTHER
    }

    DuckDbType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
        fieldNames = List.copyOf(fieldNames);
    }

    static DuckDbType scalar(Kind kind, String name) {
        return new DuckDbType(kind, name, List.of(), List.of(), 0, 0);
    }

    static DuckDbType decimal(String name, int precision, int scale) {
        return new DuckDbType(Kind.DECIMAL, name, List.of(), List.of(), precision, scale);
    }

    /** The element type of a LIST or ARRAY. */
    DuckDbType element() {
        return children.get(0);
    }

    /** The key type of a MAP. */
    DuckDbType key() {
        return children.get(0);
    }

    /** The value type of a MAP. */
    DuckDbType value() {
        return children.get(1);
    }

    /**
     * Whether the official mock's JSON writer (arrow-json) refuses this type: a MAP whose keys are not exported as
     * Arrow Utf8 (only VARCHAR, UUID and JSON keys are), or a UNION, anywhere inside it. arrow-json builds its encoders
     * for the whole type before looking at any value, so one such type nested anywhere fails every non-null cell of the
     * column, even an empty list.
     */
    boolean isUnencodable() {
        return firstUnencodable() != null;
    }

    /** Whether this MAP's keys reach arrow-json as Utf8: DuckDB exports VARCHAR, UUID and JSON as Utf8. */
    boolean hasTextKeys() {
        Kind keyKind = key().kind();
        return keyKind == Kind.VARCHAR || keyKind == Kind.UUID || keyKind == Kind.JSON;
    }

    /** The first type inside this one (itself included) that {@link #isUnencodable()} blames, or {@code null}. */
    DuckDbType firstUnencodable() {
        if (kind == Kind.UNION || (kind == Kind.MAP && !hasTextKeys())) {
            return this;
        }
        for (DuckDbType child : children) {
            DuckDbType found = child.firstUnencodable();
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
