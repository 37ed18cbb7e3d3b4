package ai.altertable.reactive.core.row;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the canonical DuckDB spelling of a type: {@code DECIMAL(10,2)}, {@code INTEGER[]}, {@code INTEGER[3]},
 * {@code STRUCT(a INTEGER, "b c" VARCHAR)}, {@code TUPLE(INTEGER, VARCHAR)}, {@code MAP(VARCHAR, INTEGER)},
 * {@code ENUM('a', 'b''c')}. Stateless.
 */
final class CanonicalTypeName {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private CanonicalTypeName() {
    }

    static String render(DuckDbType.Kind kind, DuckDbType.Parts parts) {
        switch (kind) {
            case DECIMAL:
                return "DECIMAL(" + parts.precision + "," + parts.scale + ")";
            case LIST:
                return isUnknown(parts.element) ? "LIST" : parts.element + "[]";
            case ARRAY:
                return parts.element + "[" + parts.arraySize + "]";
            case STRUCT:
                if (parts.tuple) {
                    return parts.fields.isEmpty() ? "TUPLE" : "TUPLE(" + elements(parts.fields) + ")";
                }
                return parts.fields.isEmpty() ? "STRUCT" : "STRUCT(" + fields(parts.fields) + ")";
            case UNION:
                return parts.fields.isEmpty() ? kind.name() : kind.name() + "(" + fields(parts.fields) + ")";
            case MAP:
                return isUnknown(parts.key) && isUnknown(parts.value)
                        ? "MAP" : "MAP(" + parts.key + ", " + parts.value + ")";
            case ENUM:
                return parts.labels.isEmpty() ? "ENUM" : "ENUM(" + labels(parts.labels) + ")";
            default:
                return kind.canonicalName();
        }
    }

    private static boolean isUnknown(DuckDbType type) {
        return type == DuckDbType.unknown();
    }

    private static String fields(List<DuckDbType.Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (DuckDbType.Field f : fields) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(identifier(f.name())).append(' ').append(f.type());
        }
        return sb.toString();
    }

    private static String elements(List<DuckDbType.Field> fields) {
        StringBuilder sb = new StringBuilder();
        for (DuckDbType.Field f : fields) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.type());
        }
        return sb.toString();
    }

    private static String labels(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (String label : labels) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(label.replace("'", "''")).append('\'');
        }
        return sb.toString();
    }

    /** A field name, double-quoted (with inner quotes doubled) unless it is a plain lower-case identifier. */
    static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches()) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
