package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.row.Interval;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The conversions behind {@code Row.get(index, type)}, from a natural row value (whatever transport produced it) to the
 * Java type a caller asks for. Both transports share them, so a row reads the same over REST and Flight.
 *
 * <ul>
 *   <li>identity when the value already is a {@code type}; {@code Object} gives the natural value;</li>
 *   <li>numbers: exact only between integral types and {@link BigDecimal} (overflow or a lost fraction fails); to
 *       {@code Double}/{@code Float} from any number ({@link NumericConversions});</li>
 *   <li>primitive targets as their wrappers; SQL {@code NULL} into a primitive fails;</li>
 *   <li>{@code String} from any value (decimals in plain notation, binary as hex, JSON as JSON text, lists and maps
 *       as JSON text); {@code Boolean} from booleans and {@code "true"}/{@code "false"};</li>
 *   <li>{@code java.time} types, {@link UUID}, {@link Interval} from their values or text ({@link TemporalConversions});
 *       {@code byte[]} from hex text; {@link JsonNode} from anything;</li>
 *   <li>{@code List}/{@code Collection}/{@code Set}/{@code Map} from decoded values or JSON trees; enums by constant
 *       name, exactly and then ignoring case.</li>
 * </ul>
 * Failures are {@link ConversionFailure}s; the row adds the column. Stateless and thread-safe.
 */
public final class ValueConversions {

    private static final int MAX_ENUM_CONSTANTS_LISTED = 20;

    private ValueConversions() {
    }

    /**
     * Converts {@code value} to {@code target}.
     *
     * @throws ConversionFailure if no conversion applies or it would not be exact
     */
    @SuppressWarnings("unchecked")
    public static <T> T convert(Object value, Class<T> target) {
        Class<?> boxed = JavaTypes.box(target);
        if (value == null) {
            if (target.isPrimitive()) {
                throw new ConversionFailure("SQL NULL cannot be read as primitive " + target.getName()
                        + "; ask for " + boxed.getSimpleName() + " instead");
            }
            return null;
        }
        if (boxed.isInstance(value)) {
            return (T) value;
        }
        return (T) convertNonNull(value, boxed);
    }

    /** A list whose elements are each converted to {@code elementType}; {@code null} stays {@code null}. */
    public static <E> List<E> listOf(Object value, Class<E> elementType) {
        List<?> list = convert(value, List.class);
        if (list == null) {
            return null;
        }
        List<E> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(convert(list.get(i), elementType));
            } catch (ConversionFailure f) {
                throw f.within("element [" + i + "]");
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static Object convertNonNull(Object value, Class<?> target) {
        if (NumericConversions.handles(target)) {
            return NumericConversions.convert(value, target);
        } else if (target == String.class) {
            return text(value);
        } else if (target == Boolean.class) {
            return bool(value);
        } else if (TemporalConversions.handles(target)) {
            return TemporalConversions.convert(value, target);
        } else if (target == UUID.class) {
            return JsonCellDecoder.uuid(requireText(value, target));
        } else if (target == byte[].class) {
            return Hex.decode(requireText(value, target));
        } else if (target == Interval.class) {
            return interval(requireText(value, target));
        } else if (JsonNode.class.isAssignableFrom(target)) {
            return json(value, target);
        } else if (target == List.class || target == Collection.class || target == Iterable.class) {
            return list(value);
        } else if (target == Set.class) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(list(value)));
        } else if (target == Map.class) {
            return map(value);
        } else if (target.isEnum()) {
            return enumConstant(value, target);
        } else if (target == Character.class) {
            return character(value);
        }
        throw new ConversionFailure("no conversion from " + value.getClass().getTypeName() + " to "
                + target.getTypeName());
    }

    /** Text of any value; see the class description. */
    public static String text(Object value) {
        if (value instanceof String) {
            return (String) value;
        } else if (value instanceof BigDecimal) {
            return NumericConversions.plainText((BigDecimal) value);
        } else if (value instanceof byte[]) {
            return Hex.encode((byte[]) value);
        } else if (value instanceof TemporalAccessor) {
            return TemporalText.format((TemporalAccessor) value);
        } else if (value instanceof Collection || value instanceof Map) {
            return JsonValues.toNode(value).toString();
        }
        return value.toString(); // numbers, booleans, UUID, Interval, JsonNode (JSON text), enums
    }

    private static Boolean bool(Object value) {
        if (value instanceof String) {
            String s = ((String) value).trim();
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        throw new ConversionFailure("no conversion from " + value.getClass().getTypeName() + " to Boolean");
    }

    private static String requireText(Object value, Class<?> target) {
        if (value instanceof String) {
            return (String) value;
        }
        throw new ConversionFailure("no conversion from " + value.getClass().getTypeName() + " to "
                + target.getTypeName());
    }

    private static Interval interval(String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConversionFailure("not an INTERVAL text");
        }
    }

    private static JsonNode json(Object value, Class<?> target) {
        JsonNode node = JsonValues.toNode(value);
        if (!target.isInstance(node)) {
            String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new ConversionFailure("the value is a JSON " + kind + ", not a " + target.getSimpleName());
        }
        return node;
    }

    private static List<?> list(Object value) {
        if (value instanceof JsonNode && ((JsonNode) value).isArray()) {
            return (List<?>) JsonValues.natural((JsonNode) value);
        }
        if (value instanceof Collection) {
            return Collections.unmodifiableList(new ArrayList<>((Collection<?>) value));
        }
        if (value instanceof Object[]) {
            return Collections.unmodifiableList(Arrays.asList(((Object[]) value).clone()));
        }
        throw new ConversionFailure("no conversion from " + value.getClass().getTypeName() + " to a list");
    }

    private static Map<?, ?> map(Object value) {
        if (value instanceof JsonNode && ((JsonNode) value).isObject()) {
            return (Map<?, ?>) JsonValues.natural((JsonNode) value);
        }
        throw new ConversionFailure("no conversion from " + value.getClass().getTypeName() + " to a map");
    }

    private static Object enumConstant(Object value, Class<?> target) {
        String name = value instanceof Enum ? ((Enum<?>) value).name() : requireText(value, target);
        Object[] constants = target.getEnumConstants();
        for (Object c : constants) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        int shown = Math.min(constants.length, MAX_ENUM_CONSTANTS_LISTED);
        List<Object> listed = Arrays.asList(constants).subList(0, shown);
        throw new ConversionFailure("no constant of " + target.getTypeName() + " is named like the value (constants: "
                + listed + (constants.length > listed.size() ? ", ..." : "") + ")");
    }

    private static Character character(Object value) {
        String text = requireText(value, Character.class);
        if (text.length() != 1) {
            throw new ConversionFailure("a Character needs text of exactly one char, got " + text.length());
        }
        return text.charAt(0);
    }
}
