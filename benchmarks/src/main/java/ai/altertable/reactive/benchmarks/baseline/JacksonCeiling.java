package ai.altertable.reactive.benchmarks.baseline;

import ai.altertable.reactive.benchmarks.replay.CellChecksum;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jackson token-parse ceiling of the build notes §5, method (b): one non-blocking byte[] parser fed in fixed
 * chunks, tokens of each row line turned into an {@code Object[]} (strings, {@code Long}s, {@code Double}s or exact
 * {@code BigDecimal}s, {@code Boolean}s, nulls), nothing else: no envelope checks, no row objects, no Reactor. Every
 * row's cells go into a {@link CellChecksum}, as the client-side readers do.
 *
 * <p>Feed it bytes with {@link #feed}, then call {@link #end()}. Not thread-safe; one per body.
 */
public final class JacksonCeiling {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final boolean exactDecimals;
    private final CellChecksum checksum = new CellChecksum();
    private final List<Object> cells = new ArrayList<>(8);
    private int depth;
    private boolean columnsSeen;

    /** @param exactDecimals read fractional numbers as {@code BigDecimal} (as the client does) instead of double */
    public JacksonCeiling(boolean exactDecimals) {
        try {
            this.parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.exactDecimals = exactDecimals;
    }

    /** Parses a whole in-memory body in chunks of {@code chunkBytes}, without copying; returns the checksum. */
    public static CellChecksum parse(byte[] body, int chunkBytes, boolean exactDecimals) {
        JacksonCeiling p = new JacksonCeiling(exactDecimals);
        for (int at = 0; at < body.length; at += chunkBytes) {
            p.feed(body, at, Math.min(body.length, at + chunkBytes));
        }
        return p.end();
    }

    /** Parses {@code bytes[from, to)}; the array is only read during this call. */
    public void feed(byte[] bytes, int from, int to) {
        try {
            feeder.feedInput(bytes, from, to);
            drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CellChecksum end() {
        feeder.endOfInput();
        try {
            drain();
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checksum;
    }

    private void drain() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
            switch (token) {
                case START_ARRAY:
                case START_OBJECT:
                    depth++;
                    break;
                case END_OBJECT:
                    depth--;
                    break;
                case END_ARRAY:
                    if (--depth == 0) {
                        endLine();
                    }
                    break;
                default:
                    if (depth == 1 && columnsSeen) {
                        cells.add(value(token));
                    }
            }
        }
    }

    /** A top-level array closed: the columns line (skipped), then the rows. */
    private void endLine() {
        if (!columnsSeen) {
            columnsSeen = true;
            return;
        }
        Object[] row = cells.toArray();
        cells.clear();
        checksum.add((Long) row[0], (String) row[1], ((Number) row[2]).doubleValue(), (Boolean) row[3],
                (String) row[4]);
    }

    private Object value(JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING: return parser.getText();
            case VALUE_NUMBER_INT: return parser.getLongValue();
            case VALUE_NUMBER_FLOAT: return exactDecimals ? parser.getDecimalValue() : (Object) parser.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            default: return null;
        }
    }
}
