package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.row.internal.CellErrors;
import ai.altertable.reactive.core.row.internal.ColumnMatcher;
import ai.altertable.reactive.core.row.internal.ConversionFailure;
import ai.altertable.reactive.core.row.internal.GenericConversion;
import ai.altertable.reactive.core.row.internal.MappedProperty;
import ai.altertable.reactive.core.row.internal.MappingPlan;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Maps rows to instances of a record or a bean by column name: {@code flux.map(RowMapper.of(User.class))}.
 *
 * <p><b>Matching.</b> Each record component or bean property takes the column with the same name, else the first whose
 * name matches ignoring case, else ignoring case and underscores ({@code user_id} fills {@code userId}). Columns
 * without a property are ignored.
 *
 * <p><b>Records</b> are built with their canonical constructor (component names come from
 * {@link java.lang.reflect.RecordComponent}, so {@code -parameters} is not needed). A component without a column is an
 * error naming it, unless the mapper is {@link #allowingMissingColumns() lenient}, which passes {@code null}, zero or
 * {@code Optional.empty()}. <b>Beans</b> need a no-arg constructor; each property is set through a public setter or,
 * failing that, a non-final field, and properties without a column are left untouched.
 *
 * <p><b>Values</b> are converted as {@link Row#get(int, Class)} converts them, and generic types are honoured:
 * {@code List<Long>} from a {@code BIGINT[]} column, {@code Map<String, Integer>}, {@code Optional<String>}.
 * {@code NULL} into a primitive fails. Every failure is a {@link SerializationException} naming the class, the
 * property and the column.
 *
 * <p><b>Cost and threads.</b> The reflective plan is built once per class (and cached by {@link #of(Class)}); the
 * column positions are resolved once per column layout ({@link RowMetadata}), which a transport shares between all
 * rows of a result; checking that a row has the same metadata instance as the previous one is all the per-row work.
 * A mapper is immutable apart from these caches and safe to share between threads and streams.
 *
 * @param <T> the mapped type
 */
public final class RowMapper<T> implements Function<Row, T> {

    private static final ClassValue<RowMapper<?>> STRICT = new ClassValue<>() {
        @Override
        protected RowMapper<?> computeValue(Class<?> type) {
            return new RowMapper<>(MappingPlan.of(type), false);
        }
    };

    /** Distinct column layouts remembered per mapper; beyond this the memory is cleared and rebuilt. */
    private static final int MAX_BINDINGS = 64;

    private final MappingPlan<T> plan;
    private final boolean lenient;
    private final Map<RowMetadata, Binding> bindings = new ConcurrentHashMap<>();
    private volatile Binding last;

    private RowMapper(MappingPlan<T> plan, boolean lenient) {
        this.plan = plan;
        this.lenient = lenient;
    }

    /**
     * The mapper for {@code type}, shared per class.
     *
     * @throws SerializationException if {@code type} is not a record or a class with a no-arg constructor
     */
    @SuppressWarnings("unchecked")
    public static <T> RowMapper<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return (RowMapper<T>) STRICT.get(type);
    }

    /**
     * A mapper like this one that fills record components without a column with {@code null}, zero or empty. Each call
     * makes a new mapper with its own caches: keep it rather than calling this per row.
     */
    public RowMapper<T> allowingMissingColumns() {
        return lenient ? this : new RowMapper<>(plan, true);
    }

    /** The mapped type. */
    public Class<T> type() {
        return plan.type();
    }

    /**
     * Maps one row.
     *
     * @throws SerializationException if a component has no column, a value cannot be converted, or construction fails
     */
    @Override
    public T apply(Row row) {
        Binding b = bindingFor(row.metadata());
        List<MappedProperty> properties = plan.properties();
        Object[] values = new Object[b.columns.length];
        boolean[] present = new boolean[b.columns.length];
        for (int i = 0; i < values.length; i++) {
            int column = b.columns[i];
            present[i] = column >= 0;
            values[i] = column >= 0 ? read(row, column, properties.get(i)) : properties.get(i).absentValue();
        }
        return plan.create(values, present);
    }

    private Object read(Row row, int column, MappedProperty property) {
        Type type = property.genericType();
        try {
            if (type instanceof Class) {
                return row.get(column, (Class<?>) type);
            }
            Object value = row.get(column);
            try {
                return GenericConversion.convert(value, type);
            } catch (ConversionFailure f) {
                throw CellErrors.conversionFailure(row.metadata(), column, value, property.rawType(), f);
            }
        } catch (SerializationException e) {
            throw new SerializationException("Cannot map a row to " + plan.type().getName() + ", property " + property
                    + ": " + e.getMessage(), ErrorContext.none(), e);
        }
    }

    /**
     * The column positions for {@code metadata}: the last binding when the metadata is the same instance (the common
     * case, one stream), else a binding shared by all equal metadata, so that streams of different results mapping to
     * the same class do not evict each other on every row.
     */
    private Binding bindingFor(RowMetadata metadata) {
        Binding b = last;
        if (b != null && b.metadata == metadata) {
            return b;
        }
        Binding known = bindings.get(metadata);
        int[] columns = known != null ? known.columns : bind(metadata);
        if (known == null) {
            if (bindings.size() >= MAX_BINDINGS) {
                bindings.clear();
            }
            bindings.put(metadata, new Binding(metadata, columns));
        }
        b = new Binding(metadata, columns);
        last = b;
        return b;
    }

    private int[] bind(RowMetadata metadata) {
        List<MappedProperty> properties = plan.properties();
        int[] columns = new int[properties.size()];
        List<MappedProperty> missing = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnMatcher.find(metadata, properties.get(i).name());
            if (columns[i] < 0 && plan.needsEveryProperty() && !lenient) {
                missing.add(properties.get(i));
            }
        }
        if (!missing.isEmpty()) {
            String available = metadata.size() == 0 ? "none (the server sent no column names)"
                    : metadata.names().toString();
            throw new SerializationException("Cannot map a row to " + plan.type().getName() + ": no column for "
                    + missing + "; columns: " + available + ". Name the column in SQL (AS ...) or use "
                    + "RowMapper.of(" + plan.type().getSimpleName() + ".class).allowingMissingColumns()",
                    ErrorContext.none());
        }
        return columns;
    }

    @Override
    public String toString() {
        return "RowMapper[" + plan.type().getName() + (lenient ? ", allowing missing columns]" : "]");
    }

    /** Column positions for one {@link RowMetadata} instance. */
    private static final class Binding {
        final RowMetadata metadata;
        final int[] columns;

        Binding(RowMetadata metadata, int[] columns) {
            this.metadata = metadata;
            this.columns = columns;
        }
    }
}
