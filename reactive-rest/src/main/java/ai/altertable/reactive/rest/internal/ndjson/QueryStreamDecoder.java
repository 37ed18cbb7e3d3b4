package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.core.row.Row;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonEOFException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Decodes the NDJSON body of {@code POST /query} (protocol §5.2) as it arrives, chunk by chunk, into the head (metadata
 * and columns) and the rows, through one Jackson non-blocking parser for the whole body.
 *
 * <h2>Use</h2>
 * Give each network chunk to {@link #feed(byte[])} (or {@link #feed(byte[], int, int)}) and iterate the returned
 * {@code Iterable} to the end (or call {@link #poll()} until it returns {@code null}) before feeding the next chunk;
 * after the last chunk, do the same with {@link #endOfInput()}. {@link #decode} wires this up for a stream of chunks.
 * Chunks may be cut anywhere: inside a token, inside a multi-byte UTF-8 character, between {@code \r} and {@code \n};
 * a chunk may hold many lines.
 *
 * <h2>Laziness and memory</h2>
 * {@code feed} only hands the chunk to the parser (after the line limit check below); rows are parsed while the
 * returned iterable is iterated, one per {@code next()} ({@code hasNext()} parses at most one row ahead), or one per
 * {@code poll()}. So a subscriber's demand decides how far the chunk is decoded, and the decoder holds the current
 * chunk, the row being built and Jackson's buffers, never a list of rows; once a chunk is used up the parser is left
 * without a reference to it. The {@code Iterable} is a single reused cursor: do not keep it.
 *
 * <h2>The head</h2>
 * The {@link QueryHead} is given to the {@code onHead} callback once, synchronously on the decoding thread, as soon as
 * the columns line is decoded: before the first row is returned, and before {@link #endOfInput()}'s iteration ends for
 * a result without rows. It is also available from {@link #head()} from then on.
 *
 * <h2>Failures</h2>
 * Thrown from {@code hasNext()} (or {@code feed}/{@code endOfInput} once failed), always after the rows of the lines
 * before the failing one were returned; nothing after the failing line is read. All carry the {@link ErrorContext}
 * given here and a 1-based line number.
 * <ul>
 *   <li>{@link QueryException}: an {@code {"error": ...}} line, instead of the columns or after rows (§15.1, §15.2),
 *       with the query id of the metadata line. A first line with {@code error} and no {@code query_id} is taken as
 *       an error too (without a query id), so that a server failing before its metadata is not misreported.</li>
 *   <li>{@link ResponseParseException}: malformed JSON; a first line that is not an object; a second line that is
 *       neither an array of columns nor an error object; a row that is not an array, or whose length differs from a
 *       non-empty columns line (with {@code []} columns any length is accepted, §15.3); an object line without
 *       {@code error}; a line holding two values; a line longer than the limit.</li>
 *   <li>{@link NetworkException} ("stream ended early"): the body ended before the columns line, or inside a line
 *       (§15.8). A truncated stream is never a short result. A last line without {@code \n} is fine.</li>
 * </ul>
 *
 * <h2>Line limit</h2>
 * A line longer than {@code maxLineBytes} (without its {@code \n}) fails as soon as the line passes the limit: each
 * chunk is checked on its raw bytes before parsing, and the parser is only given the bytes up to the limit, so it never
 * buffers more than {@code maxLineBytes} of one line, however large the chunk.
 *
 * <p>Line numbers are physical lines as the parser counts them (a {@code \r\n} is one line end); they are {@code int}s,
 * so beyond 2^31 lines they wrap.
 *
 * <p>Not thread-safe: one decoder per stream, called by one thread at a time with happens-before between calls (as
 * Reactor's serial signals guarantee). Not reusable.
 */
public final class QueryStreamDecoder {

    /**
     * The parser factory: strings and names may be as long as a line (the line limit is the real bound, checked before
     * parsing), and field names of user JSON cells are not interned. Thread-safe, shared.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // names appear in the metadata and columns lines (and nested cells) only: a per-stream copy of the name
            // table (about 2.5 KB once a name is added) would cost more than decoding a few names again
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /** Fed once a chunk is used up, so that the parser holds no reference to it while waiting for the next one. */
    private static final byte[] NO_BYTES = new byte[0];

    private final ErrorContext context;
    private final LineLengthGuard guard;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    /** Whether the parser may hold a reference to the last chunk fed. */
    private boolean holdsInput;
    private final EnvelopeReader reader;
    private final Cursor cursor = new Cursor();

    /** Whether the parser was given less than the last chunk because a line passed the limit. */
    private boolean cutAtLimit;
    private boolean inputEnded;
    private boolean ended;
    private long bytesFed;
    private RuntimeException failure;

    /**
     * @param maxLineBytes the longest accepted line in bytes, without its {@code \n}; at least 1
     * @param context      what every failure of this stream carries (operation, method, path, request id)
     * @param onHead       receives the head once, before the first row
     */
    public QueryStreamDecoder(int maxLineBytes, ErrorContext context, Consumer<? super QueryHead> onHead) {
        this.guard = new LineLengthGuard(maxLineBytes);
        this.context = Objects.requireNonNull(context, "context");
        Objects.requireNonNull(onHead, "onHead");
        try {
            this.parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.reader = new EnvelopeReader(parser, context, onHead);
    }

    /**
     * Decodes a whole body with a fresh decoder per subscription ({@link DecodedRows}): rows are decoded as they are
     * requested, one chunk is asked for ahead of the one being decoded, and each is fed once the rows of the previous
     * one have been delivered. Cancelling stops decoding. Errors of {@code chunks} pass through unchanged, after the
     * rows of the chunks before them.
     *
     * @param chunks       the body: {@code byte[]}s the decoder may keep until it asks for the next one, or Netty
     *                     {@code ByteBuf}s valid during their {@code onNext}, which the decoder retains until it copies
     *                     them for the parser and releases exactly once
     * @param maxLineBytes the longest accepted line in bytes
     * @param context      carried by every failure
     * @param onHead       receives each subscription's head before its first row
     */
    public static Flux<Row> decode(Publisher<?> chunks, int maxLineBytes, ErrorContext context,
                                   Consumer<? super QueryHead> onHead) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(onHead, "onHead");
        return decode(chunks, () -> new QueryStreamDecoder(maxLineBytes, context, onHead));
    }

    /** {@link #decode(Publisher, int, ErrorContext, Consumer)} with the decoder of each subscription from {@code decoders}. */
    static Flux<Row> decode(Publisher<?> chunks, Supplier<QueryStreamDecoder> decoders) {
        return new DecodedRows(chunks, decoders);
    }

    /**
     * Takes the next chunk of the body. The decoder keeps a reference to {@code chunk} (without changing it) until the
     * returned iterable has been iterated to the end.
     *
     * @return the rows this chunk completes, decoded as they are iterated
     * @throws IllegalStateException if the previous iterable was not iterated to the end, or after {@link #endOfInput()}
     */
    public Iterable<Row> feed(byte[] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        return feed(chunk, 0, chunk.length);
    }

    /**
     * {@link #feed(byte[])} for the chunk {@code chunk[offset, offset + length)}, which the decoder reads without
     * changing until the returned iterable has been iterated to the end (or {@link #poll()} returned {@code null});
     * after that it holds no reference to the array, which the caller may then reuse.
     */
    public Iterable<Row> feed(byte[] chunk, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        requireReadyForInput();
        int admitted = guard.admit(chunk, offset, length);
        cutAtLimit = admitted < length;
        bytesFed += admitted;
        try {
            feeder.feedInput(chunk, offset, offset + admitted);
            holdsInput = true;
        } catch (IOException e) {
            throw fail(malformedJson(e));
        }
        return cursor;
    }

    /**
     * The next row of the input fed so far, decoded now, or {@code null} when that input holds no further complete
     * row: then feed the next chunk, or end the input. The pull-style twin of iterating what {@code feed} returns.
     *
     * @throws RuntimeException the failures described on this class
     */
    Row poll() {
        Row row = cursor.next;
        if (row != null) {
            cursor.next = null;
            return row;
        }
        return nextRow();
    }

    /**
     * Marks the end of the body. Call once, after the last chunk's iterable was iterated to the end.
     *
     * @return the rows the end completes (a last line without {@code \n}); iterating it fails with a
     *         {@link NetworkException} if the body ended early
     */
    public Iterable<Row> endOfInput() {
        requireReadyForInput();
        inputEnded = true;
        feeder.endOfInput();
        return cursor;
    }

    /** The head, once the columns line has been decoded; {@code null} before. */
    public QueryHead head() {
        return reader.head();
    }

    /** How many rows have been decoded so far (returned by the cursor, or parsed one ahead of demand). */
    long rowsDecoded() {
        return reader.rowsDecoded();
    }

    private void requireReadyForInput() {
        if (failure != null) {
            throw failure;
        }
        if (cutAtLimit) {
            throw fail(lineTooLong());
        }
        if (inputEnded) {
            throw new IllegalStateException("the end of input was already signalled");
        }
        if (cursor.next != null || !feeder.needMoreInput()) {
            throw new IllegalStateException("the rows of the previous chunk have not all been iterated");
        }
    }

    /** The next row, or {@code null} when the input given so far holds no further complete row. */
    private Row nextRow() {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return null;
        }
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.NOT_AVAILABLE) {
                if (token == null) {
                    return endOfBody();
                }
                Row row = reader.accept(token);
                if (row != null) {
                    return row;
                }
            }
        } catch (MalformedLine e) {
            throw fail(new ResponseParseException(e.getMessage(), reader.valueLine(), context, e.getCause()));
        } catch (JsonEOFException e) {
            throw fail(earlyEnd(e));
        } catch (IOException e) {
            throw fail(malformedJson(e));
        } catch (RuntimeException e) { // a QueryException, or a failure of the head callback
            throw fail(e);
        }
        if (cutAtLimit) {
            throw fail(lineTooLong());
        }
        dropInput();
        return null;
    }

    /** The chunk fed last is used up: the parser is given nothing in its place, so that it keeps no reference to it. */
    private void dropInput() {
        if (!holdsInput || inputEnded) {
            return;
        }
        holdsInput = false;
        try {
            feeder.feedInput(NO_BYTES, 0, 0);
        } catch (IOException e) {
            throw fail(malformedJson(e));
        }
    }

    /** The line the parser stopped in (the input given to it ends where the line passed the limit) is too long. */
    private ResponseParseException lineTooLong() {
        return new ResponseParseException("line exceeds the maximum line size of " + guard.maxLineBytes() + " bytes",
                parser.currentLocation().getLineNr(), context, null);
    }

    /** The parser reached the end of the body between two values: the end of a complete result, or too early. */
    private Row endOfBody() {
        if (reader.phase() != EnvelopeReader.Phase.ROWS || reader.inValue()) {
            throw fail(earlyEnd(null));
        }
        ended = true;
        closeParser();
        return null;
    }

    /** The body ended before the columns line or inside a line ({@code eof} is the parser's report of the latter). */
    private NetworkException earlyEnd(JsonEOFException eof) {
        EnvelopeReader.Phase phase = reader.phase();
        String where;
        if (eof == null && !reader.inValue()) {
            where = phase == EnvelopeReader.Phase.METADATA ? "before the metadata line"
                    : "after the metadata line, before the columns line";
        } else {
            String line = "line " + (reader.inValue() ? reader.valueLine() : lineOf(eof));
            where = phase == EnvelopeReader.Phase.METADATA ? "inside the metadata line (" + line + ")"
                    : phase == EnvelopeReader.Phase.COLUMNS ? "inside the columns line (" + line + ")"
                    : "inside " + line;
        }
        return new NetworkException("stream ended early, " + where + ", after " + bytesFed + " bytes", context, eof);
    }

    private ResponseParseException malformedJson(IOException e) {
        String reason = e instanceof JsonProcessingException
                ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        int found = lineOf(e);
        if (!reader.inValue()) {
            return new ResponseParseException("malformed JSON: " + reason, found, context, e);
        }
        int line = reader.valueLine();
        String hint = found > line ? " (found on line " + found + ": the line ends inside its value)" : "";
        return new ResponseParseException("malformed JSON: " + reason + hint, line, context, e);
    }

    /** The line a parser exception reports, else the parser's current line. */
    private int lineOf(IOException e) {
        if (e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null) {
            return ((JsonProcessingException) e).getLocation().getLineNr();
        }
        return parser.currentLocation().getLineNr();
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        closeParser();
        return e;
    }

    private void closeParser() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // a non-blocking parser has no input to close; this only returns its buffers
        }
    }

    /** The one cursor over the rows of the input given so far; returned by every {@code feed}. */
    private final class Cursor implements Iterator<Row>, Iterable<Row> {

        /** The row parsed by {@link #hasNext()} and not yet returned. */
        private Row next;

        @Override
        public Iterator<Row> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = nextRow();
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }
    }
}
