package ai.altertable.reactive.rest.internal.ndjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a body must decode to, read the slow and obvious way for {@link NdjsonFuzzTest}: split on {@code \n}, each line
 * parsed on its own by Jackson databind (one value per line, nothing after it on that line), then checked against its place in the
 * envelope (metadata object, columns, rows). The first line that fails decides the expected failure; the rows are
 * those of the valid lines before it.
 *
 * <p>Like the decoder, it accepts a value left open at its line end that goes on over the next lines (the protocol
 * never sends one; {@link EnvelopeReader} explains why it is not refused), numbered by its first line.
 *
 * <p>The envelope's semantic checks of the metadata and columns lines reuse {@link EnvelopeLines}, which the decoder
 * applies to trees it has already built; the framing, the JSON and the row shapes, where a streaming decoder can go
 * wrong, are read independently here.
 */
record ReferenceReading(List<String> rows, Failure failure, long line) {

    enum Failure {
        /** The body ended before the columns line. */
        EARLY_END,
        /** The last line has no {@code \n} and does not parse: cut inside its value. */
        EARLY_END_OR_MALFORMED,
        MALFORMED,
        /** An object where the columns or a row belong: an error line or, if it is not one, malformed. */
        OBJECT_LINE
    }

    private static final ObjectMapper STRICT = new ObjectMapper();

    static ReferenceReading of(byte[] body, int maxLineBytes) {
        List<byte[]> lines = NdjsonFuzzTest.lines(body);
        List<String> rows = new ArrayList<>();
        int phase = 0; // 0 metadata, 1 columns, 2 rows
        int columns = 0;
        int i = 0;
        while (i < lines.size()) {
            byte[] raw = lines.get(i);
            long number = i + 1;
            if (raw.length > maxLineBytes) {
                // too long: the decoder reads no further than the limit, so only a row whole within it is returned
                First head = First.of(Arrays.copyOf(raw, maxLineBytes));
                if (phase == 2 && head.node != null && head.node.isArray()
                        && (columns == 0 || head.node.size() == columns)) {
                    rows.add(new String(raw, 0, head.length, StandardCharsets.UTF_8));
                }
                return new ReferenceReading(rows, Failure.MALFORMED, number);
            }
            if (blank(raw)) {
                i++;
                continue;
            }
            // a value left open at its line end goes on over the next lines (accepted, see EnvelopeReader)
            byte[] text = raw;
            int end = i;
            First first = First.of(text);
            com.fasterxml.jackson.core.JsonToken opening = first.endedEarly ? firstToken(text) : null;
            if (opening != null && (phase == 0 ? opening != com.fasterxml.jackson.core.JsonToken.START_OBJECT
                    : !opening.isStructStart())) {
                return new ReferenceReading(rows, Failure.MALFORMED, number); // refused on its first token
            }
            while (first.endedEarly && end < lines.size() - 1) {
                if (phase == 2 && columns > 0 && cellsBegun(text) > columns) {
                    // a row's cells are counted as they come: one too many fails before the row ends
                    return new ReferenceReading(rows, Failure.MALFORMED, number);
                }
                end++;
                byte[] next = lines.get(end);
                boolean tooLong = next.length > maxLineBytes;
                text = NdjsonFuzzTest.join(List.of(text, tooLong ? Arrays.copyOf(next, maxLineBytes) : next));
                first = First.of(text);
                if (tooLong) { // read up to the limit of that line, no further
                    if (first.node == null && !first.endedEarly) {
                        return new ReferenceReading(rows, Failure.MALFORMED, number);
                    }
                    if (first.node != null && phase == 2 && first.node.isArray()
                            && (columns == 0 || first.node.size() == columns)) {
                        rows.add(new String(text, 0, first.length, StandardCharsets.UTF_8));
                    }
                    return new ReferenceReading(rows, Failure.MALFORMED, end + 1);
                }
            }
            if (first.endedEarly) {
                return new ReferenceReading(rows, Failure.EARLY_END_OR_MALFORMED, number);
            }
            if (first.node == null && end == lines.size() - 1
                    && (first.failedAt >= text.length - 8 || endsInsideACharacter(text))) {
                // broken at the very end of an unterminated last line ("nu" of a null cut short): which of the two a
                // streaming parser reports depends on how far it must read to tell; either is typed and right
                return new ReferenceReading(rows, Failure.EARLY_END_OR_MALFORMED, number);
            }
            if (first.node == null) {
                return new ReferenceReading(rows, Failure.MALFORMED, number);
            }
            byte[] rest = Arrays.copyOfRange(text, first.length, text.length);
            JsonNode node = first.node;
            try {
                if (phase == 0) {
                    if (!node.isObject()) {
                        return new ReferenceReading(rows, Failure.MALFORMED, number);
                    }
                    if (EnvelopeLines.isErrorInsteadOfMetadata(node)) {
                        return new ReferenceReading(rows, Failure.OBJECT_LINE, number);
                    }
                    EnvelopeLines.metadata(node);
                    phase = 1;
                } else if (node.isObject()) {
                    return new ReferenceReading(rows, Failure.OBJECT_LINE, number);
                } else if (!node.isArray()) {
                    return new ReferenceReading(rows, Failure.MALFORMED, number);
                } else if (phase == 1) {
                    columns = EnvelopeLines.columns(node).size();
                    phase = 2;
                } else if (columns > 0 && node.size() != columns) {
                    return new ReferenceReading(rows, Failure.MALFORMED, number);
                } else {
                    rows.add(new String(text, 0, first.length, StandardCharsets.UTF_8));
                }
            } catch (MalformedLine e) {
                return new ReferenceReading(rows, Failure.MALFORMED, number);
            }
            if (!blank(rest) && end == i) {
                // two values on one line: the first was whole, and a streaming decoder returns it before it reads on
                return new ReferenceReading(rows, Failure.MALFORMED, number);
            }
            if (blank(rest)) {
                i = end + 1;
            } else {
                lines.set(end, rest); // a value that ended on a later line; what follows it there is that line's
                i = end;
            }
        }
        return phase == 2 ? new ReferenceReading(rows, null, -1) : new ReferenceReading(rows, Failure.EARLY_END, -1);
    }

    /** Whether the text ends with a UTF-8 character cut short (a lead byte without all of its continuation bytes). */
    private static boolean endsInsideACharacter(byte[] text) {
        for (int back = 1; back <= Math.min(3, text.length); back++) {
            int b = text[text.length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for its lead
            }
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back;
        }
        return false;
    }

    /** The first token of the text (a scalar only if whole), or {@code null} if it is cut short or broken. */
    private static com.fasterxml.jackson.core.JsonToken firstToken(byte[] text) {
        try (JsonParser parser = STRICT.getFactory().createParser(text)) {
            com.fasterxml.jackson.core.JsonToken token = parser.nextToken();
            if (token != null && token.isScalarValue()) {
                parser.getText(); // a streaming parser reports a scalar only once it is whole
            }
            return token;
        } catch (IOException e) {
            return null;
        }
    }

    /** How many cells of an array cut short have begun (0 if the text is not an array). */
    private static int cellsBegun(byte[] text) {
        int cells = 0;
        try (JsonParser parser = STRICT.getFactory().createParser(text)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                return 0;
            }
            int depth = 1;
            com.fasterxml.jackson.core.JsonToken token;
            while ((token = parser.nextToken()) != null && depth > 0) {
                if (depth == 1 && token != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    cells++;
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        } catch (IOException e) {
            // cut short: the cells up to here
        }
        return cells;
    }

    /** The first JSON value of some text: the value and its length in bytes, or whether the text ended inside it. */
    private static final class First {
        JsonNode node;
        int length;
        boolean endedEarly;
        long failedAt = -1;

        static First of(byte[] text) {
            First first = new First();
            try (JsonParser parser = STRICT.getFactory().createParser(text)) {
                first.node = STRICT.readTree(parser);
                first.length = (int) parser.currentLocation().getByteOffset();
            } catch (JsonEOFException e) {
                first.endedEarly = true;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                if (String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
                    first.endedEarly = true; // databind's own report of a value cut short
                    return first;
                }
                first.node = null;
                first.failedAt = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            } catch (IOException e) {
                first.node = null;
            }
            return first;
        }
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return rows.size() + " rows, then " + (failure == null ? "the end" : failure + " at line " + line);
    }
}
