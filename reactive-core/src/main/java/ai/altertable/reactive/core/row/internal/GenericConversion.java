package ai.altertable.reactive.core.row.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ValueConversions} for generic targets: {@code List<E>}, {@code Collection<E>}, {@code Set<E>},
 * {@code Map<K, V>} and {@code Optional<T>} have their elements, keys, values or content converted too; wildcards and
 * type variables use their first bound. Stateless.
 */
public final class GenericConversion {

    private GenericConversion() {
    }

    /**
     * Converts {@code value} to {@code type}.
     *
     * @throws ConversionFailure if a conversion fails, with the element or key where it failed
     */
    public static Object convert(Object value, Type type) {
        if (type instanceof Class) {
            return ValueConversions.convert(value, (Class<?>) type);
        }
        if (type instanceof WildcardType) {
            return convert(value, ((WildcardType) type).getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable) {
            return convert(value, ((TypeVariable<?>) type).getBounds()[0]);
        }
        if (!(type instanceof ParameterizedType)) {
            throw new ConversionFailure("unsupported target type " + type.getTypeName());
        }
        ParameterizedType p = (ParameterizedType) type;
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw == Optional.class) {
            return value == null ? Optional.empty() : Optional.ofNullable(convert(value, args[0]));
        }
        if (value == null) {
            return null;
        }
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            return Collections.unmodifiableList(elements(value, args[0]));
        }
        if (raw == Set.class) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(elements(value, args[0])));
        }
        if (raw == Map.class) {
            return entries(value, args[0], args[1]);
        }
        return ValueConversions.convert(value, raw);
    }

    private static List<Object> elements(Object value, Type elementType) {
        List<?> list = ValueConversions.convert(value, List.class);
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(convert(list.get(i), elementType));
            } catch (ConversionFailure f) {
                throw f.within("element [" + i + "]");
            }
        }
        return out;
    }

    private static Map<Object, Object> entries(Object value, Type keyType, Type valueType) {
        Map<?, ?> map = ValueConversions.convert(value, Map.class);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            try {
                out.put(convert(e.getKey(), keyType), convert(e.getValue(), valueType));
            } catch (ConversionFailure f) {
                throw f.within("entry " + ValueText.excerpt(e.getKey()));
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
