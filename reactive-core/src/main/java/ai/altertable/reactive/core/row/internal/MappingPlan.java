package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.SerializationException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * How to build an instance of a class from row values: which properties it has, and how to create it. Built once per
 * class by reflection ({@link #of(Class)}); immutable and thread-safe afterwards.
 *
 * @param <T> the mapped type
 */
public abstract class MappingPlan<T> {

    private final Class<T> type;

    MappingPlan(Class<T> type) {
        this.type = type;
    }

    /**
     * The plan for a record (canonical constructor) or a bean (no-arg constructor, then setters or fields).
     *
     * @throws SerializationException if {@code type} is neither, or its members cannot be reached
     */
    public static <T> MappingPlan<T> of(Class<T> type) {
        if (type.isRecord()) {
            return new RecordPlan<>(type);
        }
        if (type.isPrimitive() || type.isArray() || type.isEnum() || type.isInterface()
                || Modifier.isAbstract(type.getModifiers()) || type.getName().startsWith("java.")) {
            throw failure(type, "a row maps to a record or to a class with a no-arg constructor", null);
        }
        return new BeanPlan<>(type);
    }

    /** The mapped type. */
    public final Class<T> type() {
        return type;
    }

    /** The properties to fill, in a fixed order. */
    public abstract List<MappedProperty> properties();

    /** Whether every property needs a column (records: a component cannot be left out). */
    public abstract boolean needsEveryProperty();

    /**
     * Creates an instance.
     *
     * @param values  one value per property, already converted to its type
     * @param present for each property, whether a column supplied its value (beans leave absent properties untouched)
     * @throws SerializationException if the constructor or a setter fails
     */
    public abstract T create(Object[] values, boolean[] present);

    /** A {@link SerializationException} about mapping to {@code type}. */
    static SerializationException failure(Class<?> type, String reason, Throwable cause) {
        Throwable root = cause instanceof InvocationTargetException && cause.getCause() != null
                ? cause.getCause() : cause;
        return new SerializationException("Cannot map a row to " + type.getName() + ": " + reason, ErrorContext.none(),
                root);
    }
}
