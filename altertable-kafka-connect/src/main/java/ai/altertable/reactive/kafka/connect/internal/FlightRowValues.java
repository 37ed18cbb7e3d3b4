package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Places the values of a row ({@link RecordRows}' output: a map from column name to value) into the columns of a
 * table's Arrow schema, converted to what each column's Arrow type takes, for a Flight SQL bulk ingest.
 *
 * <ul>
 *   <li>Values go by column name into the table's column order (a plain ingest appends by position); a column the
 *       row does not name is {@code null}; a key that is not a column fails the row, naming it: nothing is dropped
 *       silently.</li>
 *   <li>Integers, floats, decimals, booleans, dates, times and timestamps take the Java values {@link RecordRows}
 *       makes, and also text (as the JSON converter without schemas gives it: {@code "42"}, ISO-8601
 *       {@code "2026-12-06"}, {@code "10:15:30"}, {@code "2026-12-06T10:15:30"}, with an offset converted to UTC);
 *       decimals also take any number, which must fit the column's scale without rounding; a {@code TIMESTAMP WITH TIME
 *       ZONE} column takes a {@code LocalDateTime} as UTC, as Connect defines {@code Timestamp}.</li>
 *   <li>Text columns ({@code VARCHAR}, {@code JSON}) take strings; nested maps and lists are written as JSON text,
 *       other scalars as their text, bytes as base64 (as the REST path's JSON writes them).</li>
 *   <li>{@code UUID} columns take a {@code UUID} or its text; lists and structs are converted element by element.</li>
 *   <li>A column whose type the server does not announce over Flight (Arrow {@code Null}, such as DuckDB's
 *       {@code TIMESTAMPTZ}) takes only {@code null}.</li>
 * </ul>
 *
 * Any value that does not fit fails with a {@link BadRequestException} naming the column and the value's Java type,
 * never the value (it may be personal data). Immutable and thread-safe.
 */
final class FlightRowValues {

    private final Schema schema;
    private final Set<String> columns;

    FlightRowValues(Schema schema) {
        this.schema = schema;
        this.columns = new HashSet<>();
        for (Field f : schema.getFields()) {
            columns.add(f.getName());
        }
    }

    /** The encoder of rows into record batches of the table's schema. */
    ArrowRowEncoder<Map<String, Object>> encoder() {
        return ArrowRowEncoder.of(schema, this::values);
    }

    /**
     * These columns restricted to those some row of {@code rows} names (in the table's order), for an upsert: its
     * {@code MERGE} updates every column the stream carries, so a column no row names must not be sent as nulls.
     */
    FlightRowValues namedBy(List<Map<String, Object>> rows) {
        Set<String> named = new HashSet<>();
        for (Map<String, Object> row : rows) {
            named.addAll(row.keySet());
        }
        if (named.size() == columns.size()) {
            return this;
        }
        List<Field> fields = new ArrayList<>(named.size());
        for (Field f : schema.getFields()) {
            if (named.contains(f.getName())) {
                fields.add(f);
            }
        }
        return new FlightRowValues(new Schema(fields));
    }

    /** The table's schema these values are placed into. */
    Schema schema() {
        return schema;
    }

    /** Whether every key of {@code row} is a column. */
    boolean knowsFields(Map<String, Object> row) {
        return columns.containsAll(row.keySet());
    }

    /**
     * The values of {@code row} in the table's column order.
     *
     * @throws BadRequestException for a key that is not a column, or a value its column cannot take
     */
    List<Object> values(Map<String, Object> row) {
        for (String key : row.keySet()) {
            if (!columns.contains(key)) {
                throw refused("the row has a field '" + key + "', which is not a column of the table (columns: "
                        + columns.size() + ")");
            }
        }
        List<Object> out = new ArrayList<>(schema.getFields().size());
        for (Field f : schema.getFields()) {
            out.add(convert(f, row.get(f.getName())));
        }
        return out;
    }

    private static Object convert(Field column, Object v) {
        if (v == null) {
            return null;
        }
        try {
            return convert(column, column.getType(), v);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException | ClassCastException e) {
            throw cannotTake(column, v);
        }
    }

    private static Object convert(Field column, ArrowType type, Object v) {
        switch (type.getTypeID()) {
            case Int:
                return v instanceof String s ? new BigInteger(s.strip()) : v;
            case FloatingPoint:
                return v instanceof String s ? Double.valueOf(s.strip()) : v;
            case Decimal:
                return decimal(column, v);
            case Bool:
                return v instanceof String s ? bool(column, s) : v;
            case Utf8:
            case LargeUtf8:
                return text(v);
            case Binary:
            case LargeBinary:
                return v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : v;
            case FixedSizeBinary:
                return v instanceof String s ? UUID.fromString(s.strip()) : v;
            case Date:
                return v instanceof String s ? LocalDate.parse(s.strip()) : v;
            case Time:
                return v instanceof String s ? LocalTime.parse(s.strip()) : v;
            case Timestamp:
                return timestamp(((ArrowType.Timestamp) type).getTimezone() != null, v);
            case List:
            case LargeList:
            case FixedSizeList:
                return list(column, v);
            case Struct:
                return struct(column, v);
            case Null:
                throw refused("column '" + column.getName() + "' has a type the server does not describe over Flight "
                        + "(such as TIMESTAMPTZ); it can only be written with the rest write path");
            default:
                return v;
        }
    }

    private static Object decimal(Field column, Object v) {
        if (v instanceof BigDecimal || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof String s) {
            return new BigDecimal(s.strip());
        }
        throw cannotTake(column, v);
    }

    private static Boolean bool(Field column, String s) {
        if (s.strip().equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (s.strip().equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw cannotTake(column, s);
    }

    /** Text of a value for a VARCHAR or JSON column: nested values as JSON, bytes as base64. */
    private static Object text(Object v) {
        if (v instanceof CharSequence) {
            return v;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            try {
                return AltertableJson.mapper().writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw refused("a nested value cannot be written as JSON text: " + e.getOriginalMessage());
            }
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] out = new byte[d.remaining()];
            d.get(out);
            return Base64.getEncoder().encodeToString(out);
        }
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    /** A TIMESTAMP column takes a LocalDateTime (or an Instant); one WITH TIME ZONE takes an Instant (UTC). */
    private static Object timestamp(boolean zoned, Object v) {
        Object t = v instanceof String s ? parseTimestamp(s.strip()) : v;
        if (zoned && t instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (!zoned && t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return t;
    }

    private static TemporalAccessor parseTimestamp(String s) {
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + "T" + s.substring(11) : s;
        try {
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(iso);
            } catch (DateTimeParseException offset) {
                return Instant.parse(iso);
            }
        }
    }

    private static Object list(Field column, Object v) {
        if (!(v instanceof List<?> in)) {
            throw cannotTake(column, v);
        }
        Field element = column.getChildren().get(0);
        List<Object> out = new ArrayList<>(in.size());
        for (Object o : in) {
            out.add(convert(element, o));
        }
        return out;
    }

    private static Object struct(Field column, Object v) {
        if (!(v instanceof Map<?, ?> in)) {
            throw cannotTake(column, v);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (Field child : column.getChildren()) {
            names.add(child.getName());
            out.put(child.getName(), convert(child, in.get(child.getName())));
        }
        for (Object key : in.keySet()) {
            if (!names.contains(String.valueOf(key))) {
                throw refused("the value of column '" + column.getName() + "' has a field '" + key
                        + "', which the struct does not have");
            }
        }
        return out;
    }

    private static BadRequestException cannotTake(Field column, Object v) {
        return refused("column '" + column.getName() + "' of Arrow type " + column.getType()
                + " cannot take a value of type " + v.getClass().getSimpleName());
    }

    private static BadRequestException refused(String message) {
        return new BadRequestException(message, ErrorContext.none());
    }
}
