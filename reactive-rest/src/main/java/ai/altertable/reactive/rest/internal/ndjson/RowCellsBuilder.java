package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.RowMetadata;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.io.NumberInput;

import java.io.IOException;
import java.util.Arrays;

/**
 * Builds the raw cells of one row line straight from parser tokens, one token at a time, so that a row can be cut by a
 * network chunk anywhere and resumed with the next one.
 *
 * <p>Each cell becomes exactly what {@link ai.altertable.reactive.core.row.Rows#fromJsonCells} expects: {@code null},
 * {@link Boolean}, {@link Long} (an integer that fits), {@link java.math.BigInteger} (a larger one),
 * {@link java.math.BigDecimal} (any other number, from its exact text: {@code 1.50} keeps its scale), {@link String},
 * or a {@link com.fasterxml.jackson.databind.JsonNode} tree for a nested array or object. The one exception is a
 * number in a {@code DOUBLE} or {@code FLOAT} column: it becomes the {@link Double} or {@link Float} that its column
 * type decodes it to, parsed straight from its text (correctly rounded, as going through the exact
 * {@code BigDecimal} gives; a zero takes its sign from the exact value, so {@code -0.0} is zero and
 * {@code -1e-400} is negative zero, as through {@code BigDecimal}). An integer too large for a
 * {@code long} stays a {@code BigInteger} there too. Exact types (integers, {@code DECIMAL}) and columns of unknown
 * type never see a {@code double}.
 *
 * <p>When the columns line named columns, the row must have exactly that many cells: the array is allocated at that
 * size and a row with one cell too many fails at that cell, without reading the rest. Without columns ({@code []},
 * protocol §15.3) any length is accepted and cells are collected in a reused scratch array.
 *
 * <p>Reused for row after row; not thread-safe (one per decoder).
 */
final class RowCellsBuilder {

    private static final Object[] NO_CELLS = new Object[0];
    /** How a column's numbers are read: exactly (the raw-cell default), or as the column's binary floating type. */
    private static final byte EXACT = 0;
    private static final byte DOUBLE = 1;
    private static final byte FLOAT = 2;

    private final int columnCount;
    /** Per column, {@link #EXACT}, {@link #DOUBLE} or {@link #FLOAT}. */
    private final byte[] numbers;
    private final JsonTreeBuilder nested;
    private Object[] cells;
    private int count;
    private boolean inNested;

    /**
     * @param columns the columns line; without columns ({@code []}) rows of any length are accepted
     * @param nested  builds the trees of nested cells (shared with the decoder, which is never building one then)
     */
    RowCellsBuilder(RowMetadata columns, JsonTreeBuilder nested) {
        this.columnCount = columns.size();
        this.nested = nested;
        this.cells = columnCount == 0 ? new Object[16] : null;
        this.numbers = new byte[columnCount];
        for (int i = 0; i < columnCount; i++) {
            DuckDbType.Kind kind = columns.typeAt(i).kind();
            numbers[i] = kind == DuckDbType.Kind.DOUBLE ? DOUBLE : kind == DuckDbType.Kind.FLOAT ? FLOAT : EXACT;
        }
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

    private Object scalar(JsonToken token, JsonParser parser) throws IOException {
        switch (token.id()) {
            case JsonTokenId.ID_STRING:
                return parser.getText();
            case JsonTokenId.ID_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return parser.getBigIntegerValue();
                }
                long integer = parser.getLongValue();
                switch (numbersOf(count)) {
                    case DOUBLE:
                        return (double) integer; // one rounding, as Long.doubleValue() in the cell decoder
                    case FLOAT:
                        return (float) integer;
                    default:
                        return integer;
                }
            case JsonTokenId.ID_NUMBER_FLOAT:
                switch (numbersOf(count)) {
                    case DOUBLE:
                        return binaryDouble(parser);
                    case FLOAT:
                        return binaryFloat(parser);
                    default:
                        return parser.getDecimalValue();
                }
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

    /** How the numbers of cell {@code index} are read; cells beyond the columns (a row too long) exactly. */
    private byte numbersOf(int index) {
        return index < numbers.length ? numbers[index] : EXACT;
    }

    /**
     * The nearest {@code double} to the number's text (Jackson's bundled FastDoubleParser, which rounds correctly, as
     * {@link Double#parseDouble} and {@code new BigDecimal(text).doubleValue()} do), read from the parser's buffer
     * without a {@code String}. A zero result is taken from the exact value instead, for its sign.
     */
    private static Double binaryDouble(JsonParser parser) throws IOException {
        double d = NumberInput.parseDouble(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(),
                true);
        // a zero, exact or underflowed, takes its sign from the exact value (which has no negative zero of its own)
        return d == 0.0d ? parser.getDecimalValue().doubleValue() : d;
    }

    /** As {@link #binaryDouble} for {@code float}. */
    private static Float binaryFloat(JsonParser parser) throws IOException {
        float f = NumberInput.parseFloat(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(),
                true);
        return f == 0.0f ? parser.getDecimalValue().floatValue() : f;
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
