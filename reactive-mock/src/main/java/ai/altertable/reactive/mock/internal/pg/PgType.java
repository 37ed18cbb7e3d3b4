package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Postgres types a DuckDB column is described as (OIDs and sizes from {@code pg_type}), each with its text-format
 * encoder and, for the common ones, its binary-format encoder and decoder (PostgreSQL's {@code *send}/{@code *recv}
 * layouts). DuckDB types without a Postgres counterpart are sent as {@code text}. A parameter value becomes the Java
 * object DuckDB's JDBC driver binds: decoded from binary, or parsed from text when DuckDB cannot infer its type.
 */
enum PgType {
    INT2(21, 2, PgType::plain, (rs, c, o) -> o.writeShort(rs.getShort(c)), b -> b.readShort(), Short::valueOf),
    INT4(23, 4, PgType::plain, (rs, c, o) -> o.writeInt(rs.getInt(c)), b -> b.readInt(), Integer::valueOf),
    INT8(20, 8, PgType::plain, (rs, c, o) -> o.writeLong(rs.getLong(c)), b -> b.readLong(), Long::valueOf),
    FLOAT4(700, 4, PgType::plain, (rs, c, o) -> o.writeFloat(rs.getFloat(c)), b -> b.readFloat(), Float::valueOf),
    FLOAT8(701, 8, PgType::plain, (rs, c, o) -> o.writeDouble(rs.getDouble(c)), b -> b.readDouble(), Double::valueOf),
    NUMERIC(1700, -1, PgType::plain, (rs, c, o) -> PgNumeric.write(new BigDecimal(rs.getString(c)), o),
            PgNumeric::read, BigDecimal::new),
    BOOL(16, 1, (rs, c) -> rs.getBoolean(c) ? "t" : "f", (rs, c, o) -> o.writeBoolean(rs.getBoolean(c)),
            b -> b.readBoolean(), PgType::bool),
    TEXT(25, -1, PgType::plain, PgType::utf8, PgType::string, s -> s),
    VARCHAR(1043, -1, PgType::plain, PgType::utf8, PgType::string, s -> s),
    BYTEA(17, -1, PgType::bytea, (rs, c, o) -> o.writeBytes(rs.getBytes(c)), PgType::bytes, s -> s),
    DATE(1082, 4, PgType::plain, (rs, c, o) -> o.writeInt((int) (rs.getObject(c, LocalDate.class).toEpochDay()
            - PgTime.EPOCH_DAYS)), b -> LocalDate.ofEpochDay(b.readInt() + PgTime.EPOCH_DAYS), s -> s),
    TIME(1083, 8, (rs, c) -> PgTime.text(rs.getObject(c, LocalTime.class), PgTime.TIME_TEXT),
            (rs, c, o) -> o.writeLong(rs.getObject(c, LocalTime.class).toNanoOfDay() / 1000),
            b -> LocalTime.ofNanoOfDay(b.readLong() * 1000), s -> s),
    TIMESTAMP(1114, 8, (rs, c) -> PgTime.text(rs.getObject(c, LocalDateTime.class), PgTime.TIMESTAMP_TEXT),
            (rs, c, o) -> o.writeLong(PgTime.micros(rs.getObject(c, LocalDateTime.class))),
            b -> PgTime.local(b.readLong()), s -> s),
    TIMESTAMPTZ(1184, 8, PgType::timestamptz,
            (rs, c, o) -> o.writeLong(PgTime.micros(rs.getObject(c, OffsetDateTime.class))),
            b -> PgTime.local(b.readLong()).atOffset(ZoneOffset.UTC), s -> s),
    UUID(2950, 16, PgType::plain, PgType::uuid, b -> new UUID(b.readLong(), b.readLong()), s -> s),
    JSON(114, -1, PgType::plain, PgType::utf8, PgType::string, s -> s),
    INTERVAL(1186, 16, PgType::plain, null, null, s -> s);

    /** How one value of a result set column is written in text format; null for SQL NULL. */
    @FunctionalInterface
    interface TextEncoder {
        String text(ResultSet rs, int column) throws SQLException;
    }

    /** How one non-null value of a result set column is appended in binary format (without its length). */
    @FunctionalInterface
    interface BinaryEncoder {
        void write(ResultSet rs, int column, ByteBuf out) throws SQLException;
    }

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();

    static {
        for (PgType t : values()) {
            BY_OID.put(t.oid, t);
        }
    }

    final int oid;
    final short size;
    final TextEncoder encoder;
    /** Null when this server has no binary format for the type. */
    final BinaryEncoder binary;
    private final Function<ByteBuf, Object> fromBinary;
    private final Function<String, Object> fromText;

    PgType(int oid, int size, TextEncoder encoder, BinaryEncoder binary, Function<ByteBuf, Object> fromBinary,
           Function<String, Object> fromText) {
        this.oid = oid;
        this.size = (short) size;
        this.encoder = encoder;
        this.binary = binary;
        this.fromBinary = fromBinary;
        this.fromText = fromText;
    }

    /** The type of an OID, or null for one this server does not know (0, unspecified, among them). */
    static PgType ofOid(int oid) {
        return BY_OID.get(oid);
    }

    /** The type a DuckDB column or parameter (its type name) is described as. */
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

    /** Whether DuckDB left the type of a column or parameter open ({@code SELECT $1}). */
    static boolean unknownInDuckDb(String duckDbType) {
        return duckDbType == null || duckDbType.equals("UNKNOWN") || duckDbType.equals("INVALID")
                || duckDbType.equals("NULL");
    }

    /**
     * Appends one value of a DataRow: its Int32 length and bytes, or -1 for SQL NULL.
     *
     * @throws IllegalStateException for binary format on a type without a binary encoder (checked at Bind first)
     */
    void writeValue(ResultSet rs, int column, boolean binaryFormat, ByteBuf out) throws SQLException {
        if (!binaryFormat) {
            String v = encoder.text(rs, column);
            if (v == null || rs.wasNull()) {
                out.writeInt(-1);
                return;
            }
            int lenAt = out.writerIndex();
            out.writeInt(0);
            out.setInt(lenAt, out.writeCharSequence(v, StandardCharsets.UTF_8));
            return;
        }
        if (rs.getObject(column) == null) {
            out.writeInt(-1);
            return;
        }
        int lenAt = out.writerIndex();
        out.writeInt(0);
        binary.write(rs, column, out);
        out.setInt(lenAt, out.writerIndex() - lenAt - 4);
    }

    /** A parameter value sent in binary format, as the object to bind; {@code null} if the type has no decoder. */
    Object decodeBinary(ByteBuf value) {
        return fromBinary == null ? null : fromBinary.apply(value);
    }

    /** A parameter value sent in text format, as the object to bind (a string unless the type parses it). */
    Object decodeText(String value) {
        return fromText.apply(normalizeText(value));
    }

    /**
     * A text value as DuckDB casts it: Postgres ignores a time zone on a {@code date} or {@code time} value (pgjdbc's
     * {@code setDate} sends {@code 2024-02-29 +00}), DuckDB refuses it, so it is cut off.
     */
    String normalizeText(String value) {
        String v = value.strip();
        if (this == DATE) {
            int space = v.indexOf(' ');
            return space < 0 ? v : v.substring(0, space);
        }
        if (this == TIME) {
            int zone = Math.max(v.indexOf('+'), v.indexOf('-'));
            return zone < 0 ? v : v.substring(0, zone).strip();
        }
        return v;
    }

    boolean hasBinary() {
        return binary != null;
    }

    private static String plain(ResultSet rs, int column) throws SQLException {
        return rs.getString(column);
    }

    private static Object bool(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "t": case "true": case "y": case "yes": case "on": case "1": return Boolean.TRUE;
            case "f": case "false": case "n": case "no": case "off": case "0": return Boolean.FALSE;
            default: throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + s + "\"");
        }
    }

    private static void utf8(ResultSet rs, int column, ByteBuf out) throws SQLException {
        out.writeCharSequence(rs.getString(column), StandardCharsets.UTF_8);
    }

    private static void uuid(ResultSet rs, int column, ByteBuf out) throws SQLException {
        UUID u = java.util.UUID.fromString(rs.getString(column));
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
    }

    private static Object string(ByteBuf b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    private static Object bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
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
        return t == null ? null : PgTime.TIMESTAMPTZ_TEXT.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
