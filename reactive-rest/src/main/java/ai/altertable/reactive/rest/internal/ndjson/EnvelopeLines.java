package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.Column;
import ai.altertable.reactive.core.row.RowMetadata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of the {@code /query} envelope that are not rows (protocol §5.2), once each has been built as a
 * tree: the metadata line, the columns line in both of its shapes, and the {@code {"error": ...}} line.
 *
 * <p>Stateless and thread-safe.
 */
final class EnvelopeLines {

    private EnvelopeLines() {
    }

    /**
     * Line 1. Unknown keys are kept as {@link QueryMetadata#extra()}, missing ones are {@code null}.
     *
     * @throws MalformedLine if a known key has a value of the wrong type
     */
    static QueryMetadata metadata(JsonNode object) {
        try {
            return AltertableJson.mapper().treeToValue(object, QueryMetadata.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException
                    ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
            throw new MalformedLine("the metadata line does not match the protocol: " + reason, e);
        }
    }

    /**
     * Line 2 when it is an array: column names ({@code ["id","name"]}, the official mock), column objects
     * ({@code [{"name":"id","type":"BIGINT"}]}, production; other keys ignored, {@code type} optional), or {@code []}.
     * Names may be empty or repeated.
     *
     * @throws MalformedLine if an element is neither a string nor an object with a string {@code name}
     */
    static RowMetadata columns(JsonNode array) {
        if (array.isEmpty()) {
            return RowMetadata.empty();
        }
        List<Column> columns = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            columns.add(column(array.get(i), i));
        }
        return RowMetadata.of(columns);
    }

    private static Column column(JsonNode element, int index) {
        if (element.isTextual()) {
            return Column.named(element.textValue());
        }
        if (!element.isObject()) {
            throw new MalformedLine("column " + (index + 1) + " of the columns line is neither a name nor an object: "
                    + element.getNodeType());
        }
        JsonNode name = element.get("name");
        if (name == null || !name.isTextual()) {
            throw new MalformedLine("column " + (index + 1) + " of the columns line has no string \"name\"");
        }
        JsonNode type = element.get("type");
        if (type == null || type.isNull()) {
            return Column.named(name.textValue());
        }
        if (!type.isTextual()) {
            throw new MalformedLine("column " + (index + 1) + " of the columns line has a \"type\" that is not a string");
        }
        return Column.of(name.textValue(), type.textValue());
    }

    /**
     * Whether a first line is an error rather than metadata: an object with an {@code error} key and no
     * {@code query_id}. The protocol always sends metadata first; this guards against a server failing before it knows
     * the query, so that its message is not lost.
     */
    static boolean isErrorInsteadOfMetadata(JsonNode object) {
        return object.has("error") && !object.has("query_id");
    }

    /**
     * The server's message if {@code object} is an error line ({@code {"error": "..."}}, other keys ignored), else
     * {@code null}. A non-string {@code error} value is still an error; its JSON text is the message.
     */
    static String errorMessage(JsonNode object) {
        JsonNode error = object.get("error");
        if (error == null) {
            return null;
        }
        return error.isTextual() ? error.textValue() : error.toString();
    }
}
