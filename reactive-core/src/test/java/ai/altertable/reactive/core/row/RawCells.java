package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.internal.JsonValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;

/** Turns a JSON row line into raw cells the way the REST transport hands them over (exact numbers, trees for containers). */
final class RawCells {

    private RawCells() {
    }

    static Object[] parse(String jsonArray) {
        JsonNode line = tree(jsonArray);
        Object[] cells = new Object[line.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = JsonValues.rawCell(line.get(i));
        }
        return cells;
    }

    static JsonNode tree(String json) {
        try {
            return JsonValues.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-column row whose column has the given type name and whose only cell is {@code cellJson}. */
    static Row single(String typeName, String cellJson) {
        return Rows.fromJsonCells(RowMetadata.of(Column.of("c", typeName)), parse("[" + cellJson + "]"));
    }
}
