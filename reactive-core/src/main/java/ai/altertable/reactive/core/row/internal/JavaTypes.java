package ai.altertable.reactive.core.row.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Small facts about Java types used by the conversions: boxing of primitives, and a short description of what kind of
 * value a cell holds for error messages. Stateless.
 */
public final class JavaTypes {

    private JavaTypes() {
    }

    /** The wrapper class of a primitive type, or the type itself. */
    public static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        } else if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    /**
     * What a value is, in words, without its content: {@code a JSON string}, {@code a JSON integer},
     * {@code a JSON array}, or {@code a java.time.LocalDate} for values that are not raw JSON cells.
     */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a JSON string";
        }
        if (value instanceof Boolean) {
            return "a JSON boolean";
        }
        if (value instanceof Long || value instanceof BigInteger || value instanceof Integer) {
            return "a JSON integer";
        }
        if (value instanceof BigDecimal) {
            return "a JSON number";
        }
        if (value instanceof JsonNode) {
            JsonNode node = (JsonNode) value;
            return node.isArray() ? "a JSON array" : node.isObject() ? "a JSON object"
                    : "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
        return "a " + value.getClass().getTypeName();
    }
}
