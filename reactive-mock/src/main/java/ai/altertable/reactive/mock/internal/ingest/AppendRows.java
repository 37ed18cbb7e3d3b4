package ai.altertable.reactive.mock.internal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape check of an {@code /append} body: one JSON object, or an array whose every element is an object. Anything
 * else (a scalar, null, an array holding a non-object) is a {@code 400 invalid-data}.
 */
final class AppendRows {

    private AppendRows() {
    }

    /** The objects of {@code body} in order; empty when the body has another shape. */
    static Optional<List<ObjectNode>> of(JsonNode body) {
        if (body == null) {
            return Optional.empty();
        }
        if (body.isObject()) {
            return Optional.of(List.of((ObjectNode) body));
        }
        if (!body.isArray()) {
            return Optional.empty();
        }
        List<ObjectNode> rows = new ArrayList<>(body.size());
        for (JsonNode element : body) {
            if (!element.isObject()) {
                return Optional.empty();
            }
            rows.add((ObjectNode) element);
        }
        return Optional.of(rows);
    }
}
