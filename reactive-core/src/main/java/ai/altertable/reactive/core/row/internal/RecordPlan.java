package ai.altertable.reactive.core.row.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Maps rows to a record through its canonical constructor. Component names come from {@link RecordComponent}, which
 * does not depend on the {@code -parameters} compiler flag.
 */
final class RecordPlan<T> extends MappingPlan<T> {

    private final List<MappedProperty> properties;
    private final Constructor<T> constructor;

    RecordPlan(Class<T> type) {
        super(type);
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        List<MappedProperty> props = new ArrayList<>(components.length);
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            parameterTypes[i] = c.getType();
            props.add(new MappedProperty(c.getName(), c.getGenericType(), c.getType()));
        }
        this.properties = Collections.unmodifiableList(props);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw failure(type, "its canonical constructor cannot be used", e);
        }
    }

    @Override
    public List<MappedProperty> properties() {
        return properties;
    }

    @Override
    public boolean needsEveryProperty() {
        return true;
    }

    @Override
    public T create(Object[] values, boolean[] present) {
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw failure(type(), "its canonical constructor failed", e);
        }
    }
}
