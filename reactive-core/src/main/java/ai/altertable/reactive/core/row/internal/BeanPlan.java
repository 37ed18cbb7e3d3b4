package ai.altertable.reactive.core.row.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps rows to a bean: a no-arg constructor, then a public setter ({@code setUserId}) or, failing that, a non-final,
 * non-static, non-transient field per property. Properties without a column are left as the constructor made them.
 */
final class BeanPlan<T> extends MappingPlan<T> {

    private final Constructor<T> constructor;
    private final List<MappedProperty> properties;
    private final Object[] writers; // Method or Field, per property

    BeanPlan(Class<T> type) {
        super(type);
        try {
            this.constructor = type.getDeclaredConstructor();
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw failure(type, "a row maps to a record or to a class with a no-arg constructor", e);
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        setters(type).forEach(m -> byName.putIfAbsent(propertyName(m.getName().substring(3)), m));
        fields(type).forEach(f -> byName.putIfAbsent(f.getName(), f));
        this.properties = new ArrayList<>(byName.size());
        this.writers = new Object[byName.size()];
        int i = 0;
        for (Map.Entry<String, Object> e : byName.entrySet()) {
            properties.add(property(e.getKey(), e.getValue()));
            writers[i++] = e.getValue();
        }
    }

    private static MappedProperty property(String name, Object writer) {
        if (writer instanceof Method) {
            Method m = (Method) writer;
            return new MappedProperty(name, m.getGenericParameterTypes()[0], m.getParameterTypes()[0]);
        }
        Field f = (Field) writer;
        return new MappedProperty(name, f.getGenericType(), f.getType());
    }

    /** Public one-argument {@code setX} methods, in a stable order. */
    private static List<Method> setters(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().length() > 3 && m.getName().startsWith("set") && m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers()) && !m.isBridge() && !m.isSynthetic()
                    && m.trySetAccessible()) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::toGenericString));
        return out;
    }

    /** Writable instance fields of the class and its superclasses that reflection may set. */
    private static List<Field> fields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Field[] declared = c.getDeclaredFields();
            Arrays.sort(declared, Comparator.comparing(Field::getName));
            for (Field f : declared) {
                int mod = f.getModifiers();
                if (!Modifier.isStatic(mod) && !Modifier.isFinal(mod) && !Modifier.isTransient(mod) && !f.isSynthetic()
                        && f.trySetAccessible()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** JavaBeans decapitalisation: {@code UserId} gives {@code userId}, {@code URL} stays {@code URL}. */
    static String propertyName(String suffix) {
        if (suffix.length() > 1 && Character.isUpperCase(suffix.charAt(0)) && Character.isUpperCase(suffix.charAt(1))) {
            return suffix;
        }
        return Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
    }

    @Override
    public List<MappedProperty> properties() {
        return properties;
    }

    @Override
    public boolean needsEveryProperty() {
        return false;
    }

    @Override
    public T create(Object[] values, boolean[] present) {
        T instance;
        try {
            instance = constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw failure(type(), "its no-arg constructor failed", e);
        }
        for (int i = 0; i < writers.length; i++) {
            if (present[i]) {
                write(instance, i, values[i]);
            }
        }
        return instance;
    }

    private void write(T instance, int i, Object value) {
        try {
            if (writers[i] instanceof Method) {
                ((Method) writers[i]).invoke(instance, value);
            } else {
                ((Field) writers[i]).set(instance, value);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw failure(type(), "setting property '" + properties.get(i).name() + "' failed", e);
        }
    }
}
