package ai.altertable.reactive.mock.internal.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Appended objects that go into the table with one {@code INSERT}: the whole group travels as a single JSON array
 * bound to one parameter, and DuckDB turns it into typed rows with {@code from_json_strict}, using the table's own
 * column types as the structure:
 *
 * <pre>{@code
 * INSERT INTO "c"."s"."t" ("id", "tags") SELECT struct_extract(r, 'id'), struct_extract(r, 'tags')
 *   FROM (SELECT unnest(from_json_strict(?, '[{"id":"BIGINT","tags":"VARCHAR[]"}]')) AS r)
 * }</pre>
 *
 * Nested objects and arrays land in STRUCT, LIST, MAP and JSON columns natively, and as JSON text in VARCHAR columns
 * (which is what the official mock's cast of the JSON text produces); a value that does not convert fails the
 * statement with DuckDB's message. Columns the group does not list take their defaults.
 *
 * @param columns the columns the objects name, in table order; names are the table's, objects' keys already mapped
 * @param rows    objects whose keys are exactly column names (some may be absent: they read as NULL)
 */
record InsertGroup(List<TableColumn> columns, List<ObjectNode> rows) {

    InsertGroup {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The {@code INSERT} with one parameter: {@link #json()}. */
    String sql(TableName table) {
        String names = columns.stream()
                .map(column -> SqlQuoting.identifier(column.name()))
                .collect(Collectors.joining(", "));
        String values = columns.stream()
                .map(column -> "struct_extract(r, " + SqlQuoting.literal(column.name()) + ")")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table.sql() + " (" + names + ") SELECT " + values
                + " FROM (SELECT unnest(from_json_strict(?, " + SqlQuoting.literal(structure()) + ")) AS r)";
    }

    /** The rows as one JSON array text. */
    String json() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(rows.size());
        array.addAll(rows);
        return array.toString();
    }

    /** {@code [{"column":"TYPE",…}]}: the shape {@code from_json_strict} converts the array to. */
    private String structure() {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        columns.forEach(column -> row.put(column.name(), column.type()));
        return JsonNodeFactory.instance.arrayNode().add(row).toString();
    }
}
