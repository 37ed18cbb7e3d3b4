package ai.altertable.reactive.postgres.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The DuckDB type name of a Postgres column type, by the type OID of its {@code RowDescription}: the inverse of the
 * server's table (DuckDB type to OID), so that a column read over Postgres describes itself as over REST and Flight.
 * Arrays map to {@code ELEMENT[]}. Types without a DuckDB counterpart answer {@code null} (the column's type is then
 * unknown and its cells are read as text). Stateless.
 */
public final class PgColumnTypes {

    private static final Map<Integer, String> SCALARS = new HashMap<>();
    private static final Map<Integer, Integer> ARRAY_ELEMENTS = new HashMap<>();

    static {
        scalar(16, 1000, "BOOLEAN");
        scalar(17, 1001, "BLOB");
        scalar(18, 1002, "VARCHAR");       // "char"
        scalar(19, 1003, "VARCHAR");       // name
        scalar(20, 1016, "BIGINT");
        scalar(21, 1005, "SMALLINT");
        scalar(23, 1007, "INTEGER");
        scalar(25, 1009, "VARCHAR");
        scalar(114, 199, "JSON");
        scalar(3802, 3807, "JSON");        // jsonb
        scalar(700, 1021, "FLOAT");
        scalar(701, 1022, "DOUBLE");
        scalar(1042, 1014, "VARCHAR");     // bpchar
        scalar(1043, 1015, "VARCHAR");
        scalar(1082, 1182, "DATE");
        scalar(1083, 1183, "TIME");
        scalar(1114, 1115, "TIMESTAMP");
        scalar(1184, 1185, "TIMESTAMP WITH TIME ZONE");
        scalar(1266, 1270, "TIME WITH TIME ZONE");
        scalar(1186, 1187, "INTERVAL");
        scalar(1700, 1231, "DECIMAL");
        scalar(2950, 2951, "UUID");
    }

    private PgColumnTypes() {
    }

    private static void scalar(int oid, int arrayOid, String duckDbName) {
        SCALARS.put(oid, duckDbName);
        ARRAY_ELEMENTS.put(arrayOid, oid);
    }

    /** The DuckDB type name for the type {@code oid}, or {@code null} when there is none. */
    public static String duckDbTypeName(int oid) {
        String scalar = SCALARS.get(oid);
        if (scalar != null) {
            return scalar;
        }
        Integer element = ARRAY_ELEMENTS.get(oid);
        return element == null ? null : SCALARS.get(element) + "[]";
    }
}
