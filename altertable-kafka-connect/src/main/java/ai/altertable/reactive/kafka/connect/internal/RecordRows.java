package ai.altertable.reactive.kafka.connect.internal;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the value of a {@link SinkRecord} into a row: a map from column name to a value the library encodes as JSON.
 *
 * <ul>
 *   <li>a {@link Struct} (the JSON converter with schemas, Avro, Protobuf): one entry per field, in schema order;</li>
 *   <li>a {@link Map} without a schema (the JSON converter without schemas): its entries, keys as strings;</li>
 *   <li>logical types: {@link Decimal} as a {@link BigDecimal} (an exact JSON number), {@link Date} as a
 *       {@link LocalDate}, {@link Time} as a {@link LocalTime} and {@link Timestamp} as a {@link LocalDateTime}, the
 *       last three in UTC, which is how Connect defines them; they encode as ISO-8601 strings, which DuckDB reads into
 *       {@code DATE}, {@code TIME} and {@code TIMESTAMP} columns;</li>
 *   <li>nested structs and maps as JSON objects, arrays as JSON arrays, bytes as base64 strings.</li>
 * </ul>
 *
 * A value of another shape (a bare string or number) has no columns and is a {@link DataException} naming the record's
 * topic, partition and offset, never its content. Stateless and thread-safe.
 */
public final class RecordRows {

    private RecordRows() {
    }

    /**
     * The row of {@code record}'s value.
     *
     * @throws DataException if the value is null or not a struct or map
     */
    public static Map<String, Object> toRow(SinkRecord record) {
        Object value = record.value();
        if (value == null) {
            throw new DataException("record " + where(record) + " has a null value (a tombstone): no row to write");
        }
        if (value instanceof Struct struct) {
            return struct(struct);
        }
        if (value instanceof Map<?, ?> map && (record.valueSchema() == null
                || record.valueSchema().type() == Schema.Type.MAP)) {
            return map(map, record.valueSchema());
        }
        throw new DataException("record " + where(record) + " has a " + kind(record)
                + " value; a row needs a Struct or a Map (use a converter that produces one)");
    }

    /** {@code topic-partition@offset}, for messages. */
    public static String where(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }

    private static String kind(SinkRecord record) {
        return record.valueSchema() != null ? record.valueSchema().type().getName()
                : record.value().getClass().getSimpleName();
    }

    private static Map<String, Object> struct(Struct struct) {
        List<Field> fields = struct.schema().fields();
        Map<String, Object> row = new LinkedHashMap<>(fields.size() * 2);
        for (Field f : fields) {
            row.put(f.name(), value(f.schema(), struct.get(f)));
        }
        return row;
    }

    private static Map<String, Object> map(Map<?, ?> map, Schema schema) {
        Map<String, Object> row = new LinkedHashMap<>(map.size() * 2);
        Schema values = schema == null ? null : schema.valueSchema();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            row.put(String.valueOf(e.getKey()), value(values, e.getValue()));
        }
        return row;
    }

    private static Object value(Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        if (schema == null) {
            return schemaless(v);
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME:
                    return (BigDecimal) v;
                case Date.LOGICAL_NAME:
                    return LocalDate.ofInstant(((java.util.Date) v).toInstant(), ZoneOffset.UTC);
                case Time.LOGICAL_NAME:
                    return LocalTime.ofInstant(((java.util.Date) v).toInstant(), ZoneOffset.UTC);
                case Timestamp.LOGICAL_NAME:
                    return LocalDateTime.ofInstant(((java.util.Date) v).toInstant(), ZoneOffset.UTC);
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case STRUCT:
                return struct((Struct) v);
            case MAP:
                return map((Map<?, ?>) v, schema);
            case ARRAY:
                List<?> in = (List<?>) v;
                List<Object> out = new ArrayList<>(in.size());
                for (Object o : in) {
                    out.add(value(schema.valueSchema(), o));
                }
                return out;
            case BYTES:
                return bytes(v);
            default:
                return v;
        }
    }

    /** Values of the JSON converter without schemas: maps, lists and scalars. */
    private static Object schemaless(Object v) {
        if (v instanceof Struct s) {
            return struct(s);
        }
        if (v instanceof Map<?, ?> m) {
            return map(m, null);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(schemaless(o));
            }
            return out;
        }
        if (v instanceof ByteBuffer) {
            return bytes(v);
        }
        return v;
    }

    private static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] out = new byte[d.remaining()];
            d.get(out);
            return out;
        }
        return (byte[]) v;
    }
}
