package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.core.row.Rows;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The state machine of a {@code /query} body (protocol §5.2), driven one parser token at a time: the metadata line,
 * then the columns line or an error, then rows or an error. It builds each value from tokens: rows with a
 * {@link RowCellsBuilder}, the other lines as trees.
 *
 * <p>Values are framed by the parser, and lines numbered by the line of each value's first token as the parser counts
 * them. Two values starting on one line are rejected. A value spanning lines is accepted (the protocol never sends
 * one): the parser reports closing tokens on the line of the token before them, so that cannot be checked without a
 * per-row allocation; the numbering of later lines stays right.
 *
 * <p>It throws {@link MalformedLine} for a valid value that the protocol does not allow where it is, and
 * {@link QueryException} for an error line; {@link QueryStreamDecoder} owns the parser, the input and the translation of
 * the rest. Not thread-safe: one per decoder.
 */
final class EnvelopeReader {

    /** What the next value of the body is. */
    enum Phase { METADATA, COLUMNS, ROWS }

    private final JsonParser parser;
    /** The parser as a {@link ParserBase}, whose token line number costs no allocation; {@code null} if it is not one. */
    private final ParserBase positions;
    private final ErrorContext context;
    private final Consumer<? super QueryHead> onHead;
    private final JsonTreeBuilder tree = new JsonTreeBuilder();

    private Phase phase = Phase.METADATA;
    private QueryMetadata metadata;
    private QueryHead head;
    private RowCellsBuilder cells;
    /** Whether a line's value has started and not ended, and whether it is being built as a tree (not a row). */
    private boolean inValue;
    private boolean inTree;
    /** The line of the current (or last) value, and the line where the last complete value started. */
    private int valueLine;
    private int lastValueLine;
    private long rowsDecoded;

    EnvelopeReader(JsonParser parser, ErrorContext context, Consumer<? super QueryHead> onHead) {
        this.parser = parser;
        this.positions = parser instanceof ParserBase ? (ParserBase) parser : null;
        this.context = context;
        this.onHead = onHead;
    }

    /**
     * Takes the parser's current token and, inside a row, the tokens after it until the row closes or the parser needs
     * more input (one tight loop for the hot path).
     *
     * @return the row completed, else {@code null}
     * @throws MalformedLine  if the value on this line is not allowed here
     * @throws QueryException if this token completed an error line
     */
    Row accept(JsonToken token) throws IOException {
        if (!inValue) {
            startValue(token);
            return inTree ? null : restOfRow();
        }
        if (inTree) {
            return tree.accept(token, parser) ? endTree() : null;
        }
        return cells.accept(token, parser) ? endRow() : restOfRow();
    }

    /** The row if its remaining tokens are all in the input, else {@code null} (it resumes with the next input). */
    private Row restOfRow() throws IOException {
        return cells.fill(parser) ? endRow() : null;
    }

    /** What comes next. */
    Phase phase() {
        return phase;
    }

    /** Whether a value has started on the current line and not ended. */
    boolean inValue() {
        return inValue;
    }

    /** The line of the value being read, or of the last one read. */
    int valueLine() {
        return valueLine;
    }

    /** The head, once the columns line has been read; else {@code null}. */
    QueryHead head() {
        return head;
    }

    /** Rows completed so far. */
    long rowsDecoded() {
        return rowsDecoded;
    }

    private void startValue(JsonToken token) {
        valueLine = tokenLine();
        if (valueLine == lastValueLine) {
            throw new MalformedLine("more than one JSON value on one line");
        }
        inValue = true;
        if (phase == Phase.ROWS && token == JsonToken.START_ARRAY) {
            inTree = false;
            cells.begin();
            return;
        }
        requireTreeStart(token);
        inTree = true;
        tree.begin(token);
    }

    private void requireTreeStart(JsonToken token) {
        if (phase == Phase.METADATA && token != JsonToken.START_OBJECT) {
            throw new MalformedLine("the metadata line is not a JSON object but " + describe(token));
        }
        if (phase == Phase.COLUMNS && token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
            throw new MalformedLine("the columns line is neither an array of columns nor an error object but "
                    + describe(token));
        }
        if (phase == Phase.ROWS && token != JsonToken.START_OBJECT) {
            throw new MalformedLine("a row line is not a JSON array but " + describe(token));
        }
    }

    private Row endRow() {
        endValue();
        Object[] raw = cells.take();
        rowsDecoded++;
        return Rows.fromJsonCells(head.columns(), raw);
    }

    private Row endTree() {
        endValue();
        JsonNode node = tree.take();
        if (phase == Phase.METADATA) {
            if (EnvelopeLines.isErrorInsteadOfMetadata(node)) {
                throw new QueryException(EnvelopeLines.errorMessage(node), valueLine, null, context);
            }
            metadata = EnvelopeLines.metadata(node);
            phase = Phase.COLUMNS;
            return null;
        }
        if (node.isObject()) {
            throw errorLine(node);
        }
        RowMetadata columns = EnvelopeLines.columns(node);
        head = new QueryHead(metadata, columns);
        cells = new RowCellsBuilder(columns, tree);
        phase = Phase.ROWS;
        onHead.accept(head);
        return null;
    }

    private void endValue() {
        inValue = false;
        lastValueLine = valueLine;
    }

    /** An object where the columns or a row should be: the server's error, or a malformed line. */
    private RuntimeException errorLine(JsonNode object) {
        String message = EnvelopeLines.errorMessage(object);
        if (message == null) {
            return new MalformedLine((phase == Phase.COLUMNS ? "the columns line" : "a row line")
                    + " is an object without an \"error\" key");
        }
        return new QueryException(message, valueLine, metadata.queryId(), context);
    }

    private int tokenLine() {
        return positions != null ? positions.getTokenLineNr() : parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY: return "an array";
            case START_OBJECT: return "an object";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return token.toString();
        }
    }
}
