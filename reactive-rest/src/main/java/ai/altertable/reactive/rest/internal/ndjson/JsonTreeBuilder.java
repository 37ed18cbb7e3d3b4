package ai.altertable.reactive.rest.internal.ndjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Arrays;

/**
 * Builds one JSON array or object as a Jackson tree from parser tokens, one token at a time, so that building can stop
 * wherever a network chunk ends and resume with the next one.
 *
 * <p>The tree is what {@code AltertableJson.mapper().readTree(...)} would give for the same text: integers as
 * {@code IntNode}, {@code LongNode} or {@code BigIntegerNode} by size, every other number as a {@code DecimalNode} with
 * its exact text (trailing zeros kept, never through {@code double}), a repeated key keeping its last value. Used for the
 * nested cells of rows and for the small head and error lines.
 *
 * <p>Reused for tree after tree; not thread-safe (one per decoder).
 */
final class JsonTreeBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The containers still open, outermost first; {@code open[depth - 1]} receives the next value. */
    private ContainerNode<?>[] open = new ContainerNode<?>[8];
    private int depth;
    /** The key of the next value of the innermost object. */
    private String pendingName;

    /**
     * Starts a new tree.
     *
     * @param start {@link JsonToken#START_ARRAY} or {@link JsonToken#START_OBJECT}
     */
    void begin(JsonToken start) {
        open[0] = container(start);
        depth = 1;
    }

    /**
     * Adds the parser's current token to the tree.
     *
     * @return {@code true} when this token closed the tree, which {@link #take()} then returns
     */
    boolean accept(JsonToken token, JsonParser parser) throws IOException {
        switch (token.id()) {
            case JsonTokenId.ID_FIELD_NAME:
                pendingName = parser.currentName();
                return false;
            case JsonTokenId.ID_START_ARRAY:
            case JsonTokenId.ID_START_OBJECT:
                push(container(token));
                return false;
            case JsonTokenId.ID_END_ARRAY:
            case JsonTokenId.ID_END_OBJECT:
                if (depth == 1) {
                    return true;
                }
                open[--depth] = null;
                return false;
            default:
                attach(scalar(token, parser));
                return false;
        }
    }

    /** The tree closed by the last {@link #accept} call; the builder is then ready for {@link #begin}. */
    JsonNode take() {
        JsonNode root = open[0];
        open[0] = null;
        depth = 0;
        pendingName = null;
        return root;
    }

    private static ContainerNode<?> container(JsonToken start) {
        return start == JsonToken.START_ARRAY ? NODES.arrayNode() : NODES.objectNode();
    }

    private void push(ContainerNode<?> node) {
        attach(node);
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = node;
    }

    private void attach(JsonNode value) {
        ContainerNode<?> parent = open[depth - 1];
        if (parent instanceof ArrayNode) {
            ((ArrayNode) parent).add(value);
        } else {
            ((ObjectNode) parent).set(pendingName, value);
        }
    }

    private static JsonNode scalar(JsonToken token, JsonParser parser) throws IOException {
        switch (token.id()) {
            case JsonTokenId.ID_STRING:
                return NODES.textNode(parser.getText());
            case JsonTokenId.ID_NUMBER_INT:
                return integer(parser);
            case JsonTokenId.ID_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case JsonTokenId.ID_TRUE:
                return NODES.booleanNode(true);
            case JsonTokenId.ID_FALSE:
                return NODES.booleanNode(false);
            case JsonTokenId.ID_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected token inside a JSON value: " + token);
        }
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
        switch (parser.getNumberType()) {
            case INT:
                return NODES.numberNode(parser.getIntValue());
            case LONG:
                return NODES.numberNode(parser.getLongValue());
            default:
                return NODES.numberNode(parser.getBigIntegerValue());
        }
    }
}
