package ai.altertable.reactive.core.row.internal;

import ai.altertable.reactive.core.row.DuckDbType;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes LIST, ARRAY, STRUCT and MAP cells, recursively by their element, field and value types.
 *
 * <p>A LIST or ARRAY is a JSON array and becomes an unmodifiable {@code List<Object>}. A STRUCT arrives as a positional
 * JSON array of its field values (protocol §6) and becomes an unmodifiable insertion-ordered {@code Map<String, Object>}
 * keyed by the declared field names; a JSON object is accepted too and read by name. A STRUCT whose fields are not known
 * is keyed {@code "0"}, {@code "1"}, ... by position. A MAP is a JSON object and becomes an unmodifiable ordered map with
 * its values decoded by the value type. Stateless.
 */
final class NestedCellDecoder {

    private NestedCellDecoder() {
    }

    static Object decode(Object raw, DuckDbType type) {
        switch (type.kind()) {
            case LIST:
            case ARRAY:
                return list(array(raw, type), type.elementType());
            case STRUCT:
                return struct(raw, type);
            case MAP:
                return map(object(raw, type), type.valueType());
            default:
                throw new IllegalArgumentException("not a nested type: " + type);
        }
    }

    private static List<Object> list(JsonNode array, DuckDbType element) {
        Object[] out = new Object[array.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = child(array.get(i), element);
            } catch (ConversionFailure f) {
                throw f.within("element [" + i + "]");
            }
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    private static Map<String, Object> struct(Object raw, DuckDbType type) {
        List<DuckDbType.Field> fields = type.fields();
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw instanceof JsonNode && ((JsonNode) raw).isObject()) {
            JsonNode object = (JsonNode) raw;
            if (fields.isEmpty()) {
                return map(object, DuckDbType.unknown());
            }
            for (DuckDbType.Field f : fields) {
                out.put(f.name(), field(object.get(f.name()), f));
            }
            return Collections.unmodifiableMap(out);
        }
        JsonNode array = array(raw, type);
        if (!fields.isEmpty() && array.size() != fields.size()) {
            throw new ConversionFailure("the STRUCT has " + fields.size() + " fields but the cell holds "
                    + array.size() + " values");
        }
        for (int i = 0; i < array.size(); i++) {
            if (fields.isEmpty()) {
                out.put(Integer.toString(i), JsonCellDecoder.natural(JsonValues.rawCell(array.get(i))));
            } else {
                out.put(fields.get(i).name(), field(array.get(i), fields.get(i)));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> map(JsonNode object, DuckDbType valueType) {
        DuckDbType values = valueType == null ? DuckDbType.unknown() : valueType;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            try {
                out.put(e.getKey(), child(e.getValue(), values));
            } catch (ConversionFailure f) {
                throw f.within("value of key " + ValueText.excerpt(e.getKey()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object field(JsonNode node, DuckDbType.Field field) {
        try {
            return child(node, field.type());
        } catch (ConversionFailure f) {
            throw f.within("field " + ValueText.excerpt(field.name()));
        }
    }

    private static Object child(JsonNode node, DuckDbType type) {
        return JsonCellDecoder.decode(JsonValues.rawCell(node), type);
    }

    private static JsonNode array(Object raw, DuckDbType type) {
        if (raw instanceof JsonNode && ((JsonNode) raw).isArray()) {
            return (JsonNode) raw;
        }
        throw new ConversionFailure("expected a JSON array for " + type.kind() + ", got " + JavaTypes.describe(raw));
    }

    private static JsonNode object(Object raw, DuckDbType type) {
        if (raw instanceof JsonNode && ((JsonNode) raw).isObject()) {
            return (JsonNode) raw;
        }
        throw new ConversionFailure("expected a JSON object for " + type.kind() + ", got " + JavaTypes.describe(raw));
    }
}
