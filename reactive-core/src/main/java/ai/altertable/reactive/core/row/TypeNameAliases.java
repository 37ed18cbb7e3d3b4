package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.DuckDbType.Kind;

import java.util.HashMap;
import java.util.Map;

/**
 * The names DuckDB accepts for its parameterless types, upper-cased, with their aliases ({@code INT4}, {@code TEXT},
 * {@code TIMESTAMP WITH TIME ZONE}, ...). Stateless and thread-safe.
 */
final class TypeNameAliases {

    private static final Map<String, Kind> SCALARS = scalars();

    private TypeNameAliases() {
    }

    /** The kind named by {@code upperName} (already upper-cased, words joined by single spaces), or {@code null}. */
    static Kind kindOf(String upperName) {
        return SCALARS.get(upperName);
    }

    private static Map<String, Kind> scalars() {
        Map<String, Kind> m = new HashMap<>();
        put(m, Kind.BOOLEAN, "BOOLEAN", "BOOL", "LOGICAL");
        put(m, Kind.TINYINT, "TINYINT", "INT1");
        put(m, Kind.SMALLINT, "SMALLINT", "INT2", "SHORT");
        put(m, Kind.INTEGER, "INTEGER", "INT", "INT4", "SIGNED");
        put(m, Kind.BIGINT, "BIGINT", "INT8", "LONG");
        put(m, Kind.HUGEINT, "HUGEINT", "INT128");
        put(m, Kind.UTINYINT, "UTINYINT", "UINT8");
        put(m, Kind.USMALLINT, "USMALLINT", "UINT16");
        put(m, Kind.UINTEGER, "UINTEGER", "UINT32");
        put(m, Kind.UBIGINT, "UBIGINT", "UINT64");
        put(m, Kind.UHUGEINT, "UHUGEINT", "UINT128");
        put(m, Kind.FLOAT, "FLOAT", "FLOAT4", "REAL");
        put(m, Kind.DOUBLE, "DOUBLE", "FLOAT8");
        put(m, Kind.VARCHAR, "VARCHAR", "CHAR", "BPCHAR", "TEXT", "STRING", "NVARCHAR", "CHARACTER");
        put(m, Kind.UUID, "UUID");
        put(m, Kind.BLOB, "BLOB", "BYTEA", "BINARY", "VARBINARY");
        put(m, Kind.BIT, "BIT", "BITSTRING");
        put(m, Kind.DATE, "DATE");
        put(m, Kind.TIME, "TIME");
        put(m, Kind.TIME_NS, "TIME_NS");
        put(m, Kind.TIMETZ, "TIMETZ", "TIME WITH TIME ZONE");
        put(m, Kind.TIMESTAMP, "TIMESTAMP", "DATETIME", "TIMESTAMP_US");
        put(m, Kind.TIMESTAMP_S, "TIMESTAMP_S");
        put(m, Kind.TIMESTAMP_MS, "TIMESTAMP_MS");
        put(m, Kind.TIMESTAMP_NS, "TIMESTAMP_NS");
        put(m, Kind.TIMESTAMPTZ, "TIMESTAMPTZ", "TIMESTAMP_TZ", "TIMESTAMP WITH TIME ZONE");
        put(m, Kind.TIMESTAMPTZ_NS, "TIMESTAMPTZ_NS", "TIMESTAMP_TZ_NS");
        put(m, Kind.INTERVAL, "INTERVAL");
        put(m, Kind.JSON, "JSON");
        put(m, Kind.VARIANT, "VARIANT");
        put(m, Kind.NULL, "NULL");
        return Map.copyOf(m);
    }

    private static void put(Map<String, Kind> m, Kind kind, String... names) {
        for (String name : names) {
            m.put(name, kind);
        }
    }
}
