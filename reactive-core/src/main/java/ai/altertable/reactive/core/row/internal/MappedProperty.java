package ai.altertable.reactive.core.row.internal;

import java.lang.reflect.Type;
import java.util.Optional;

/**
 * One property a row is mapped into: a record component, a bean setter or a bean field. Knows its name, its generic
 * type (so {@code List<Long>} elements are converted) and the value it takes when lenient mapping finds no column.
 * Immutable.
 */
public final class MappedProperty {

    private final String name;
    private final Type genericType;
    private final Class<?> rawType;

    MappedProperty(String name, Type genericType, Class<?> rawType) {
        this.name = name;
        this.genericType = genericType;
        this.rawType = rawType;
    }

    /** The property name, matched against column names. */
    public String name() {
        return name;
    }

    /** The declared generic type, e.g. {@code List<Long>}. */
    public Type genericType() {
        return genericType;
    }

    /** The erased type, e.g. {@code List}. */
    public Class<?> rawType() {
        return rawType;
    }

    /** The value for "no column": zero for primitives, empty for {@link Optional}, otherwise {@code null}. */
    public Object absentValue() {
        if (rawType == Optional.class) {
            return Optional.empty();
        }
        if (!rawType.isPrimitive()) {
            return null;
        }
        if (rawType == boolean.class) {
            return Boolean.FALSE;
        }
        if (rawType == char.class) {
            return '\0';
        }
        return ValueConversions.convert(0L, rawType);
    }

    /** {@code userId (long)}. */
    @Override
    public String toString() {
        return name + " (" + genericType.getTypeName() + ")";
    }
}
