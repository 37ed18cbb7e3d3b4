package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.ErrorContext;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * How rows of type {@code T} become Arrow record batches for {@link FlightSession#ingestRows}: an Arrow {@link Schema}
 * and, per row, its values in the schema's field order.
 *
 * <p>{@link #of(Schema, Function)} takes any schema; {@link #forRecord(Class)} derives one from a Java record (component
 * names become column names, in declaration order; primitives are {@code NOT NULL}, everything else nullable):
 * {@code long}/{@code Long} {@code BIGINT}, {@code int} {@code INTEGER}, {@code short} {@code SMALLINT}, {@code byte}
 * {@code TINYINT}, {@code double} {@code DOUBLE}, {@code float} {@code FLOAT}, {@code boolean} {@code BOOLEAN},
 * {@code String}, {@code UUID} and enums {@code VARCHAR}, {@code byte[]} {@code BLOB}, {@code LocalDate} {@code DATE},
 * {@code LocalTime} {@code TIME}, {@code LocalDateTime} {@code TIMESTAMP}, {@code Instant} and {@code OffsetDateTime}
 * {@code TIMESTAMP WITH TIME ZONE} (UTC). Which Java values fit which Arrow types is described on
 * {@link FlightSession#ingestRows}. Immutable and thread-safe when the value function is. It holds no Arrow memory:
 * the ingest allocates each record batch, and closes it once written or when the ingest fails or is cancelled.
 */
public final class ArrowRowEncoder<T> {

    private static final Map<Class<?>, ArrowType> RECORD_TYPES = Map.ofEntries(
            Map.entry(long.class, new ArrowType.Int(64, true)), Map.entry(Long.class, new ArrowType.Int(64, true)),
            Map.entry(int.class, new ArrowType.Int(32, true)), Map.entry(Integer.class, new ArrowType.Int(32, true)),
            Map.entry(short.class, new ArrowType.Int(16, true)), Map.entry(Short.class, new ArrowType.Int(16, true)),
            Map.entry(byte.class, new ArrowType.Int(8, true)), Map.entry(Byte.class, new ArrowType.Int(8, true)),
            Map.entry(double.class, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Map.entry(Double.class, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Map.entry(float.class, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            Map.entry(Float.class, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            Map.entry(boolean.class, ArrowType.Bool.INSTANCE), Map.entry(Boolean.class, ArrowType.Bool.INSTANCE),
            Map.entry(String.class, ArrowType.Utf8.INSTANCE), Map.entry(UUID.class, ArrowType.Utf8.INSTANCE),
            Map.entry(byte[].class, ArrowType.Binary.INSTANCE),
            Map.entry(LocalDate.class, new ArrowType.Date(DateUnit.DAY)),
            Map.entry(LocalTime.class, new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
            Map.entry(LocalDateTime.class, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
            Map.entry(Instant.class, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            Map.entry(OffsetDateTime.class, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")));

    private final Schema schema;
    private final Function<? super T, ? extends List<?>> values;

    private ArrowRowEncoder(Schema schema, Function<? super T, ? extends List<?>> values) {
        this.schema = schema;
        this.values = values;
    }

    /**
     * An encoder with an explicit schema.
     *
     * @param values the row's values in the schema's field order (one per field; {@code null} for SQL NULL)
     */
    public static <T> ArrowRowEncoder<T> of(Schema schema, Function<? super T, ? extends List<?>> values) {
        return new ArrowRowEncoder<>(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(values, "values"));
    }

    /**
     * An encoder for a record type, with a schema derived from its components (see the class description).
     *
     * @throws ConfigurationException if a component has a type with no mapping
     */
    public static <R extends Record> ArrowRowEncoder<R> forRecord(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<Field> fields = new ArrayList<>(components.length);
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Class<?> t = c.getType();
            ArrowType arrow = t.isEnum() ? ArrowType.Utf8.INSTANCE : RECORD_TYPES.get(t);
            if (arrow == null) {
                throw new ConfigurationException("record component " + type.getSimpleName() + "." + c.getName()
                        + " has type " + t.getName() + ", which has no Arrow mapping; use ArrowRowEncoder.of(schema, ...)");
            }
            fields.add(new Field(c.getName(), new FieldType(!t.isPrimitive(), arrow, null), null));
            accessors[i] = accessor(c);
        }
        return new ArrowRowEncoder<>(new Schema(fields), row -> {
            Object[] out = new Object[accessors.length];
            for (int i = 0; i < accessors.length; i++) {
                try {
                    out[i] = (Object) accessors[i].invokeExact((Object) row);
                } catch (Throwable e) { // what the accessor threw, as reflection reported it (wrapped)
                    throw new SerializationException("cannot read " + type.getSimpleName() + "." + components[i].getName(),
                            ErrorContext.none(), e);
                }
            }
            return Arrays.asList(out);
        });
    }

    /**
     * A component's accessor as a method handle of type {@code (Object)Object}, resolved once: a call then costs
     * about a third less than a reflective one. Made accessible first, as reflection needs, so a record that cannot be
     * read fails here as it did with reflection, and one that can is read through the handle.
     */
    private static MethodHandle accessor(RecordComponent c) {
        Method method = c.getAccessor();
        method.setAccessible(true);
        try {
            return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) { // cannot happen: an accessible method is not access-checked again
            throw new ConfigurationException("cannot read record component " + c.getDeclaringRecord().getSimpleName()
                    + "." + c.getName(), e);
        }
    }

    /** The schema of the record batches (and of a table the ingest creates). */
    public Schema schema() {
        return schema;
    }

    /**
     * The values of {@code row}, checked to match the schema's width.
     *
     * @throws SerializationException if the row has the wrong number of values
     */
    public List<?> values(T row) {
        List<?> v = values.apply(row);
        if (v == null || v.size() != schema.getFields().size()) {
            throw new SerializationException("a row must have " + schema.getFields().size() + " values (one per field of "
                    + schema + "), got " + (v == null ? "null" : v.size()), ErrorContext.none());
        }
        return v;
    }

    @Override
    public String toString() {
        return "ArrowRowEncoder[" + schema + "]";
    }
}
