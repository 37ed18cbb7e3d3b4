package ai.altertable.reactive.mock.internal.pg;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The Postgres types a DuckDB column is described as (OIDs and sizes from {@code pg_type}), each with its text-format
 * encoder. DuckDB types without a Postgres counterpart are sent as {@code text}.
 */
enum PgType {
    INT2(21, 2, PgType::plain),
    INT4(23, 4, PgType::plain),
    INT8(20, 8, PgType::plain),
    FLOAT4(700, 4, PgType::plain),
    FLOAT8(701, 8, PgType::plain),
    NUMERIC(1700, -1, PgType::plain),
    BOOL(16, 1, (rs, c) -> {
        boolean b = rs.getBoolean(c);
        return rs.wasNull() ? null : b ? "t" : "f";
    }),
    TEXT(25, -1, PgType::plain),
    VARCHAR(1043, -1, PgType::plain),
    BYTEA(17, -1, PgType::bytea),
    DATE(1082, 4, PgType::plain),
    TIME(1083, 8, PgType::plain),
    TIMESTAMP(1114, 8, PgType::plain),
    TIMESTAMPTZ(1184, 8, PgType::timestamptz),
    UUID(2950, 16, PgType::plain),
    JSON(114, -1, PgType::plain),
    INTERVAL(1186, 16, PgType::plain);

    /** How one value of a result set column is written in text format; null for SQL NULL. */
    @FunctionalInterface
    interface TextEncoder {
        String text(ResultSet rs, int column) throws SQLException;
    }

    private static final DateTimeFormatter TIMESTAMPTZ_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .appendLiteral("+00")
            .toFormatter(Locale.ROOT);

    final int oid;
    final short size;
    final TextEncoder encoder;

    PgType(int oid, int size, TextEncoder encoder) {
        this.oid = oid;
        this.size = (short) size;
        this.encoder = encoder;
    }

    /** The type a DuckDB column (its {@code getColumnTypeName}) is described as. */
    static PgType ofDuckDb(String duckDbType) {
        String t = duckDbType.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) {
            return NUMERIC;
        }
        switch (t) {
            case "TINYINT": case "SMALLINT": case "UTINYINT": return INT2;
            case "INTEGER": case "USMALLINT": return INT4;
            case "BIGINT": case "UINTEGER": return INT8;
            case "UBIGINT": case "HUGEINT": case "UHUGEINT": return NUMERIC;
            case "FLOAT": return FLOAT4;
            case "DOUBLE": return FLOAT8;
            case "BOOLEAN": return BOOL;
            case "VARCHAR": return VARCHAR;
            case "BLOB": return BYTEA;
            case "DATE": return DATE;
            case "TIME": return TIME;
            case "TIMESTAMP": return TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE": return TIMESTAMPTZ;
            case "UUID": return UUID;
            case "JSON": return JSON;
            case "INTERVAL": return INTERVAL;
            default: return TEXT;
        }
    }

    private static String plain(ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    /** bytea's hex format: {@code \x} then two lower-case hex digits per byte. */
    private static String bytea(ResultSet rs, int column) throws SQLException {
        byte[] b = rs.getBytes(column);
        if (b == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(2 + 2 * b.length).append("\\x");
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }

    /** In UTC, the session time zone this server reports: {@code 2024-01-02 03:04:05.5+00}. */
    private static String timestamptz(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : TIMESTAMPTZ_TEXT.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
