package ai.altertable.reactive.rest.internal.ndjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;

import java.io.IOException;
import java.util.Arrays;

/**
 * Builds the raw cells of one row line straight from parser tokens, one token at a time, so that a row can be cut by a
 * network chunk anywhere and resumed with the next one.
 *
 * <p>Each cell becomes exactly what {@link ai.altertable.reactive.core.row.Rows#fromJsonCells} expects: {@code null},
 * {@link Boolean}, {@link Long} (an integer that fits), {@link java.math.BigInteger} (a larger one),
 * {@link java.math.BigDecimal} (any other number, from its exact text: {@code 1.50} keeps its scale), {@link String},
 * or a {@link com.fasterxml.jackson.databind.JsonNode} tree for a nested array or object.
 *
 * <p>When the columns line named columns, the row must have exactly that many cells: the array is allocated at that
 * size and a row with one cell too many fails at that cell, without reading the rest. Without columns ({@code []},
 * protocol §15.3) any length is accepted and cells are collected in a reused scratch array.
 *
 * <p>Reused for row after row; not thread-safe (one per decoder).
 */
final class RowCellsBuilder {

    private static final Object[] NO_CELLS = new Object[0];

    private final int columnCount;
    private final JsonTreeBuilder nested;
    private Object[] cells;
    private int count;
    private boolean inNested;

    /**
     * @param columnCount the number of columns on the columns line; {@code 0} accepts rows of any length
     * @param nested      builds the trees of nested cells (shared with the decoder, which is never building one then)
     */
    RowCellsBuilder(int columnCount, JsonTreeBuilder nested) {
        this.columnCount = columnCount;
        this.nested = nested;
        this.cells = columnCount == 0 ? new Object[16] : null;
    }

    /** Starts a row: the parser has just returned the row's {@link JsonToken#START_ARRAY}. */
    void begin() {
        if (columnCount > 0) {
            cells = new Object[columnCount];
        }
        count = 0;
    }

    /**
     * Adds the parser's current token to the row.
     *
     * @return {@code true} when the token closed the row, whose cells {@link #take()} then returns
     * @throws MalformedLine if the row has more cells than there are columns
     */
    boolean accept(JsonToken token, JsonParser parser) throws IOException {
        if (inNested) {
            if (nested.accept(token, parser)) {
                inNested = false;
                add(nested.take());
            }
            return false;
        }
        switch (token.id()) {
            case JsonTokenId.ID_START_ARRAY:
            case JsonTokenId.ID_START_OBJECT:
                nested.begin(token);
                inNested = true;
                return false;
            case JsonTokenId.ID_END_ARRAY:
                return true;
            default:
                add(scalar(token, parser));
                return false;
        }
    }

    private static Object scalar(JsonToken token, JsonParser parser) throws IOException {
        switch (token.id()) {
            case JsonTokenId.ID_STRING:
                return parser.getText();
            case JsonTokenId.ID_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case JsonTokenId.ID_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case JsonTokenId.ID_TRUE:
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected token in a row: " + token);
        }
    }

    /**
     * Reads tokens into the row until it closes or the parser needs more input.
     *
     * @return {@code true} when the row closed, {@code false} when the parser returned {@link JsonToken#NOT_AVAILABLE}
     *         (or {@code null}, which it does not do inside an array; the caller then sees it again)
     */
    boolean fill(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
            if (accept(token, parser)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cells of the row just closed, owned by the caller.
     *
     * @throws MalformedLine if the row has fewer cells than there are columns
     */
    Object[] take() {
        if (columnCount > 0) {
            if (count != columnCount) {
                throw new MalformedLine("row has " + count + " cells but the columns line has " + columnCount);
            }
            Object[] row = cells;
            cells = null;
            return row;
        }
        if (count == 0) {
            return NO_CELLS;
        }
        Object[] row = Arrays.copyOf(cells, count);
        Arrays.fill(cells, 0, count, null);
        return row;
    }

    private void add(Object cell) {
        if (count == cells.length) {
            if (columnCount > 0) {
                throw new MalformedLine("row has more cells than the " + columnCount + " columns of the columns line");
            }
            cells = Arrays.copyOf(cells, count * 2);
        }
        cells[count++] = cell;
    }
}
