package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The type conflicts of an appended value: a JSON value whose <em>shape</em> can never be a value of its column's type,
 * whatever its content. These make an append {@code incompatible-schema}, like a key that is no column; a value of the
 * right shape that still does not convert ({@code "abc"} or {@code 300} for a {@code TINYINT}, {@code "2024-13-45"} for a
 * {@code DATE}) is {@code invalid-data}, reported by DuckDB when the rows are written.
 *
 * <p>The conflicts, checked through nested types (STRUCT fields by their exact name, LIST and ARRAY elements, MAP
 * values):
 * <ul>
 *   <li>an object or an array for a scalar type: numbers, {@code BOOLEAN}, dates, times, timestamps, {@code INTERVAL},
 *       {@code UUID}, {@code BIT}, {@code ENUM};</li>
 *   <li>anything but an object for a {@code STRUCT} or a {@code MAP};</li>
 *   <li>anything but an array for a {@code LIST} or an {@code ARRAY}.</li>
 * </ul>
 * {@code null} never conflicts (a NOT NULL column refuses it as {@code invalid-data}), and types that take any JSON
 * ({@code VARCHAR} and {@code BLOB} store nested values as their JSON text, {@code JSON}, {@code VARIANT},
 * {@code UNION}, types this mock does not know) are not checked. Every conflict found here is a value DuckDB's {@code from_json_strict}, which
 * writes the rows, refuses too (tested against DuckDB kind by kind), so checking first never refuses a batch that would
 * have been written; it only names the conflict, and spares the database work.
 */
final class TypeConflicts {

    /** Scalar types whose values DuckDB never reads from a JSON object or array. */
    private static final Set<Kind> SCALARS = EnumSet.of(Kind.BOOLEAN, Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER,
            Kind.BIGINT, Kind.HUGEINT, Kind.UTINYINT, Kind.USMALLINT, Kind.UINTEGER, Kind.UBIGINT, Kind.UHUGEINT,
            Kind.FLOAT, Kind.DOUBLE, Kind.DECIMAL, Kind.UUID, Kind.BIT, Kind.DATE, Kind.TIME, Kind.TIME_NS,
            Kind.TIMETZ, Kind.TIMESTAMP, Kind.TIMESTAMP_S, Kind.TIMESTAMP_MS, Kind.TIMESTAMP_NS, Kind.TIMESTAMPTZ,
            Kind.TIMESTAMPTZ_NS, Kind.INTERVAL, Kind.ENUM);

    private TypeConflicts() {
    }

    /** Whether a value of {@code kind} is never read from a JSON object or array. */
    static boolean isScalar(Kind kind) {
        return SCALARS.contains(kind);
    }

    /**
     * The first conflict of {@code value} with {@code type}, as {@code <where> is <type>, got a JSON <shape>}, or
     * {@code null} when there is none.
     *
     * @param where the value's place, e.g. {@code "x"}, quoted as an identifier
     */
    static String find(String where, DuckDbType type, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        Kind kind = type.kind();
        if (SCALARS.contains(kind)) {
            return value.isContainerNode() ? conflict(where, type, value) : null;
        }
        switch (kind) {
            case STRUCT:
                return value.isObject() ? inFields(where, type, value) : conflict(where, type, value);
            case MAP:
                return value.isObject() ? inMapValues(where, type, value) : conflict(where, type, value);
            case LIST:
            case ARRAY:
                return value.isArray() ? inElements(where, type, value) : conflict(where, type, value);
            default:
                return null;
        }
    }

    private static String inFields(String where, DuckDbType struct, JsonNode object) {
        for (DuckDbType.Field field : struct.fields()) {
            String found = find(where + '.' + SqlQuoting.identifier(field.name()), field.type(),
                    object.get(field.name()));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String inMapValues(String where, DuckDbType map, JsonNode object) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String found = find(where + '[' + SqlQuoting.identifier(entry.getKey()) + ']', map.valueType(),
                    entry.getValue());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String inElements(String where, DuckDbType list, JsonNode array) {
        Iterator<JsonNode> elements = array.elements();
        for (int i = 0; elements.hasNext(); i++) {
            String found = find(where + '[' + i + ']', list.elementType(), elements.next());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String conflict(String where, DuckDbType type, JsonNode value) {
        return where + " is " + type + ", got a JSON " + shape(value);
    }

    private static String shape(JsonNode value) {
        switch (value.getNodeType()) {
            case OBJECT:
                return "object";
            case ARRAY:
                return "array";
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
            default:
                return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
