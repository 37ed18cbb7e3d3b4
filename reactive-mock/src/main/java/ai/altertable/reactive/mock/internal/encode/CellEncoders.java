package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.mock.internal.encode.TemporalWriter.Unit;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * Builds the {@link CellEncoder} of a top-level column. Where DuckDB JDBC 2.0.0.1 has a typed getter that is exact and
 * cheaper than {@code getObject} (no boxing, no {@code java.sql.Timestamp}), the encoder uses it and checks
 * {@code wasNull()}:
 * <ul>
 *   <li>{@code getBoolean}, {@code getByte}, {@code getShort}, {@code getInt}, {@code getLong}, {@code getFloat},
 *       {@code getDouble} on their own types read the vector directly;</li>
 *   <li>{@code getLong} on TIMESTAMP and TIMESTAMPTZ returns the raw microseconds since the epoch (UTC), so no
 *       conversion through the JVM's time zone happens; for TIMESTAMP_S/_MS/_NS {@code getLong} fails, and
 *       {@code getObject(col, LocalDateTime.class)} gives the UTC wall time instead (and throws for
 *       {@code 'infinity'::TIMESTAMP_S});</li>
 *   <li>{@code getString} for VARCHAR, ENUM, UUID, BIT, JSON, INTERVAL and TIMESTAMPTZ_NS, {@code getBytes} for
 * BLOB;</li>   <li>{@code getObject} for the rest (BigInteger, BigDecimal, LocalDate, LocalTime, nested values), handed
 * to the       {@link ValueEncoders} of the type.</li>
 * </ul>
 * Not thread-safe: the encoders share the given scratch.
 */
final class CellEncoders {

    private final EncodingScratch scratch;
    private final ValueEncoders values;

    CellEncoders(EncodingScratch scratch) {
        this.scratch = scratch;
        this.values = new ValueEncoders(scratch);
    }

    CellEncoder forType(DuckDbType type) {
        if (UnencodableTypes.isUnencodable(type)) {
            return viaObject(values.forType(type));
        }
        CellEncoder primitive = primitive(type);
        if (primitive != null) {
            return primitive;
        }
        CellEncoder floating = floating(type);
        if (floating != null) {
            return floating;
        }
        CellEncoder text = text(type);
        if (text != null) {
            return text;
        }
        CellEncoder temporal = temporal(type);
        return temporal != null ? temporal : viaObject(values.forType(type));
    }

    private CellEncoder primitive(DuckDbType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return (rs, c, g) -> {
                    boolean value = rs.getBoolean(c);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        g.writeBoolean(value);
                    }
                };
            case TINYINT:
                return (rs, c, g) -> writeLong(rs.getByte(c), rs.wasNull(), g);
            case SMALLINT:
                return (rs, c, g) -> writeLong(rs.getShort(c), rs.wasNull(), g);
            case INTEGER:
                return (rs, c, g) -> writeLong(rs.getInt(c), rs.wasNull(), g);
            case BIGINT:
            case UTINYINT:
            case USMALLINT:
            case UINTEGER:
                return (rs, c, g) -> writeLong(rs.getLong(c), rs.wasNull(), g);
            default:
                return null;
        }
    }

    private CellEncoder floating(DuckDbType type) {
        JsonNumberWriter numbers = scratch.numbers;
        switch (type.kind()) {
            case FLOAT:
                return (rs, c, g) -> {
                    float value = rs.getFloat(c);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        numbers.writeFloat(value, g);
                    }
                };
            case DOUBLE:
                return (rs, c, g) -> {
                    double value = rs.getDouble(c);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        numbers.writeDouble(value, g);
                    }
                };
            default:
                return null;
        }
    }

    private CellEncoder text(DuckDbType type) {
        switch (type.kind()) {
            case VARCHAR:
            case ENUM:
            case UUID:
                return (rs, c, g) -> {
                    String value = rs.getString(c);
                    if (value == null) {
                        g.writeNull();
                    } else {
                        g.writeString(value);
                    }
                };
            case JSON:
                return (rs, c, g) -> {
                    String value = rs.getString(c);
                    if (value == null) {
                        g.writeNull();
                    } else {
                        scratch.json.write(value, g);
                    }
                };
            case BLOB:
                return (rs, c, g) -> {
                    byte[] value = rs.getBytes(c);
                    if (value == null) {
                        g.writeNull();
                    } else {
                        char[] out = scratch.chars(value.length * 2);
                        g.writeString(out, 0, HexText.blob(value, out));
                    }
                };
            case BIT:
            case INTERVAL:
            case TIMESTAMPTZ_NS:
                return viaString(values.forType(type));
            default:
                return null;
        }
    }

    private CellEncoder temporal(DuckDbType type) {
        TemporalWriter temporal = scratch.temporal;
        switch (type.kind()) {
            case TIMESTAMP:
            case TIMESTAMPTZ:
                boolean zoned = type.kind() == DuckDbType.Kind.TIMESTAMPTZ;
                return (rs, c, g) -> {
                    long micros = rs.getLong(c);
                    if (rs.wasNull()) {
                        g.writeNull();
                    } else {
                        temporal.timestamp(micros, Unit.MICRO, zoned, g);
                    }
                };
            case TIMESTAMP_S:
                return localDateTime(Unit.SECOND);
            case TIMESTAMP_MS:
                return localDateTime(Unit.MILLI);
            case TIMESTAMP_NS:
                return localDateTime(Unit.NANO);
            case TIME:
            case TIME_NS:
                Unit unit = type.kind() == DuckDbType.Kind.TIME ? Unit.MICRO : Unit.NANO;
                ValueEncoder time = values.forType(type);
                return (rs, c, g) -> {
                    Object value;
                    try {
                        value = rs.getObject(c);
                    } catch (DateTimeException endOfDay) {
                        temporal.endOfDay(unit, g);
                        return;
                    }
                    writeObject(value, time, g);
                };
            default:
                return null;
        }
    }

    private CellEncoder localDateTime(Unit unit) {
        TemporalWriter temporal = scratch.temporal;
        return (rs, c, g) -> {
            LocalDateTime value;
            try {
                value = rs.getObject(c, LocalDateTime.class);
            } catch (SQLException | DateTimeException | ArithmeticException beyondInstant) {
                // only DuckDB's ±infinity is beyond java.time.Instant; JDBC does not say which sign
                temporal.infinity(true, unit, false, g);
                return;
            }
            if (value == null) {
                g.writeNull();
            } else {
                temporal.timestamp(value, unit, g);
            }
        };
    }

    private static CellEncoder viaObject(ValueEncoder encoder) {
        return (rs, c, g) -> writeObject(rs.getObject(c), encoder, g);
    }

    private static CellEncoder viaString(ValueEncoder encoder) {
        return (rs, c, g) -> writeObject(rs.getString(c), encoder, g);
    }

    private static void writeObject(Object value, ValueEncoder encoder, JsonGenerator g)
            throws SQLException, IOException {
        if (value == null) {
            g.writeNull();
        } else {
            encoder.write(value, g);
        }
    }

    private static void writeLong(long value, boolean wasNull, JsonGenerator g)
            throws IOException {
        if (wasNull) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
