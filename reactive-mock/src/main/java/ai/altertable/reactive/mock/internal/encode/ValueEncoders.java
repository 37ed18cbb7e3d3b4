package ai.altertable.reactive.mock.internal.encode;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import ai.altertable.reactive.mock.internal.encode.TemporalWriter.Unit;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link ValueEncoder} for a DuckDB type, recursively for nested types, from what DuckDB JDBC 2.0.0.1
 * returns for values of that type (observed, see {@code DuckDbJdbcFactsTest}): {@code Boolean}; {@code Byte},
 * {@code Short}, {@code Integer}, {@code Long} for TINYINT…BIGINT and UTINYINT ({@code Short}), USMALLINT
 * ({@code Integer}), UINTEGER ({@code Long}); {@code BigInteger} for UBIGINT, HUGEINT, UHUGEINT; {@code BigDecimal};
 * {@code Float}; {@code Double}; {@code String} for VARCHAR, ENUM, BIT, INTERVAL (DuckDB's text) and TIMESTAMPTZ_NS;
 * {@code UUID}; {@code Blob}; {@code LocalDate}; {@code LocalTime} for TIME and TIME_NS; {@code OffsetTime} for
 * TIMETZ; {@code java.sql.Timestamp} for TIMESTAMP, _S, _MS, _NS; {@code OffsetDateTime} in the JVM's zone for
 * TIMESTAMPTZ; {@code JsonNode} for JSON; {@code Array} for LIST and ARRAY; {@code Struct} for STRUCT; a
 * {@code LinkedHashMap} for MAP; the member's value for UNION; the inner value for VARIANT.
 *
 * <p>Not thread-safe: the encoders share the given scratch; a result's encoders are used by one thread at a time.
 */
final class ValueEncoders {

    private final EncodingScratch scratch;

    ValueEncoders(EncodingScratch scratch) {
        this.scratch = scratch;
    }

    ValueEncoder forType(DuckDbType type) {
        DuckDbType blamed = UnencodableTypes.firstUnencodable(type);
        if (blamed != null) {
            String detail = UnencodableTypes.detail(blamed);
            return (value, g) -> {
                throw UnencodableValueException.encoding(detail);
            };
        }
        switch (type.kind()) {
            case LIST:
            case ARRAY:
                return list(forType(type.elementType()));
            case STRUCT:
                return struct(type);
            case MAP:
                return map(forType(type.valueType()));
            case VARIANT:
                return (value, g) -> scratch.json.write(scratch.variant.of(value), g);
            default:
                ValueEncoder temporal = temporal(type.kind());
                return temporal != null ? temporal : scalar(type);
        }
    }

    private static ValueEncoder list(ValueEncoder element) {
        return (value, g) -> {
            Object[] items = (Object[]) ((Array) value).getArray();
            g.writeStartArray();
            for (Object item : items) {
                if (item == null) {
                    g.writeNull();
                } else {
                    element.write(item, g);
                }
            }
            g.writeEndArray();
        };
    }

    /** STRUCT as a positional array of its field values, as the official mock's "struct as list" mode writes it. */
    private ValueEncoder struct(DuckDbType type) {
        ValueEncoder[] fields = type.fields().stream().map(f -> forType(f.type())).toArray(ValueEncoder[]::new);
        return (value, g) -> {
            Object[] attributes = ((Struct) value).getAttributes();
            g.writeStartArray();
            for (int i = 0; i < fields.length; i++) {
                if (attributes[i] == null) {
                    g.writeNull();
                } else {
                    fields[i].write(attributes[i], g);
                }
            }
            g.writeEndArray();
        };
    }

    /** MAP with text keys as an object: entries with a NULL value dropped, keys in code point order. */
    private static ValueEncoder map(ValueEncoder valueEncoder) {
        return (value, g) -> {
            Map<String, Object> sorted = new TreeMap<>(CodePointOrder.INSTANCE);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (entry.getValue() != null) {
                    sorted.put(String.valueOf(entry.getKey()), entry.getValue());
                }
            }
            g.writeStartObject();
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                g.writeFieldName(entry.getKey());
                valueEncoder.write(entry.getValue(), g);
            }
            g.writeEndObject();
        };
    }

    private ValueEncoder temporal(Kind kind) {
        TemporalWriter temporal = scratch.temporal;
        switch (kind) {
            case DATE:
                return (value, g) -> temporal.date((LocalDate) value, g);
            case TIME:
            case TIME_NS:
                return (value, g) -> temporal.time((LocalTime) value, g);
            case TIMETZ:
                // DuckDB exports TIMETZ as Arrow Time64(us) holding the local time: the offset is dropped
                return (value, g) -> temporal.time(((OffsetTime) value).toLocalTime(), g);
            case TIMESTAMP:
                return (value, g) -> temporal.timestamp(localDateTime(value), Unit.MICRO, g);
            case TIMESTAMP_S:
                return (value, g) -> temporal.timestamp(localDateTime(value), Unit.SECOND, g);
            case TIMESTAMP_MS:
                return (value, g) -> temporal.timestamp(localDateTime(value), Unit.MILLI, g);
            case TIMESTAMP_NS:
                return (value, g) -> temporal.timestamp(localDateTime(value), Unit.NANO, g);
            case TIMESTAMPTZ:
                return (value, g) -> temporal.timestamp((OffsetDateTime) value, Unit.MICRO, g);
            case TIMESTAMPTZ_NS:
                return (value, g) -> temporal.timestamp(value.toString(), Unit.NANO, g);
            case INTERVAL:
                return (value, g) -> g.writeString(scratch.interval.parse(value.toString()).format());
            default:
                return null;
        }
    }

    private ValueEncoder scalar(DuckDbType type) {
        JsonNumberWriter numbers = scratch.numbers;
        switch (type.kind()) {
            case NULL:
                return (value, g) -> g.writeNull();
            case BOOLEAN:
                return (value, g) -> g.writeBoolean((Boolean) value);
            case TINYINT: case SMALLINT: case INTEGER: case BIGINT: case UTINYINT: case USMALLINT: case UINTEGER:
                return (value, g) -> g.writeNumber(((Number) value).longValue());
            case UBIGINT:
                return (value, g) -> numbers.writeUnsigned(((BigInteger) value).longValue(), g);
            case HUGEINT:
            case UHUGEINT:
                return (value, g) -> numbers.writeHugeint((BigInteger) value, g);
            case DECIMAL:
                return (value, g) -> numbers.writeDecimal((BigDecimal) value, type.precision(), type.scale(), g);
            case FLOAT:
                return (value, g) -> numbers.writeFloat(((Number) value).floatValue(), g);
            case DOUBLE:
                return (value, g) -> numbers.writeDouble(((Number) value).doubleValue(), g);
            case BLOB:
                return (value, g) -> writeHex(bytes(value), g);
            case BIT:
                return (value, g) -> {
                    String bits = value.toString();
                    char[] out = scratch.chars(HexText.bitsLength(bits.length()));
                    g.writeString(out, 0, HexText.bits(bits, out));
                };
            default:
                // VARCHAR, ENUM (its label), UUID (lowercase), JSON nested in a LIST/STRUCT/MAP (a string, as Arrow
                // exports JSON as plain Utf8), and unknown types (their JDBC text; blobs as hex)
                return (value, g) -> {
                    if (value instanceof Blob) {
                        writeHex(bytes(value), g);
                    } else {
                        g.writeString(value.toString());
                    }
                };
        }
    }

    private void writeHex(byte[] bytes, JsonGenerator g) throws IOException {
        char[] out = scratch.chars(bytes.length * 2);
        g.writeString(out, 0, HexText.blob(bytes, out));
    }

    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        Blob blob = (Blob) value;
        return blob.getBytes(1, (int) blob.length());
    }

    private static LocalDateTime localDateTime(Object value) {
        return value instanceof Timestamp ? ((Timestamp) value).toLocalDateTime() : (LocalDateTime) value;
    }
}
