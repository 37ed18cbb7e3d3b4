package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.QueryException;
import ai.altertable.reactive.core.ResponseParseException;
import ai.altertable.reactive.testsupport.ReliabilitySeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NDJSON fuzzing: 10,000 {@code /query} bodies, each mutated once to three times (truncations, bad bytes, cuts inside
 * multi-byte UTF-8 characters, lines of the wrong shape, lines far over the line limit, lines joined, split,
 * repeated, blank or ended by {@code \r\n}), cut into seeded random chunks and fed straight through the
 * {@link QueryStreamDecoder} (no HTTP, so the count is affordable).
 *
 * <p>Each outcome is compared with an independent, line-by-line reading of the same bytes ({@link ReferenceReading},
 * Jackson databind on each line on its own): the decoder must return exactly the rows of the valid lines before the
 * first bad one, in order (no line skipped, none merged), then end cleanly if there is no bad line, or fail with a
 * typed {@link AltertableException} naming that line. Nothing else may escape, and no body may take long.
 */
@ExtendWith(ReliabilitySeed.class)
class NdjsonFuzzTest {

    static final int STREAMS = 10_000;
    /** Small enough that the huge lines pass it many times over; every ordinary line is far below it. */
    static final int MAX_LINE = 16 * 1024;

    enum Mutation { TRUNCATE, BAD_BYTE, SPLIT_UTF8, WRONG_SHAPE, HUGE_LINE, JOIN_LINES, SPLIT_LINE, REPEAT_LINE,
        BLANK_LINE, CRLF }

    /** Bytes that break UTF-8 or JSON where they land ({@code \r} and {@code \n} are left to the line mutations). */
    static final byte[] BAD_BYTES = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0x80, (byte) 0xC3, (byte) 0xE2,
        (byte) 0xF0, 0x00, 0x01, '"', ',', ']', '[', '{', '}', ':', 'x', '\\', ' '};

    static final List<String> SHAPES = List.of("{\"a\":1}", "42", "\"text\"", "null", "true", "[1]", "[]",
            "[[1,2,3,4,5,6,7]]", "{\"error\":\"boom\"}", "{\"error\":{\"message\":\"nested\"}}", "[1,2] [3]",
            "{} {}", "[1,2,3,4,5,6,7,8]", "{\"query_id\":5}", "[{\"name\":1}]", "[\"a\",{\"type\":\"INT\"}]",
            "[" + "[".repeat(2000) + "]".repeat(2000) + "]", "\"" + "é".repeat(50) + "\"", "[1,2,3,4,5,6,7,",
            "[1,2,3,4,5,6,7]]");

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tenThousandMutatedStreamsYieldRowsOrATypedErrorAndNeverSkipALine() {
        Random random = ReliabilitySeed.random("ndjson-fuzz");
        Map<Mutation, Integer> applied = new EnumMap<>(Mutation.class);
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        long rows = 0;
        long slowestNanos = 0;
        long t0 = System.nanoTime();
        for (int n = 0; n < STREAMS; n++) {
            boolean typed = random.nextInt(4) == 0;
            List<String> lines = base(random, typed);
            byte[] body = Bodies.lines(lines);
            List<Mutation> done = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int m = 0; m < count; m++) {
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                if (mutation == Mutation.CRLF) {
                    continue; // applied last, below: a lone \r left by a later mutation would count as a line end
                }
                body = mutate(body, mutation, random);
                done.add(mutation);
            }
            if (random.nextInt(10) == 0) {
                body = crlf(body);
                done.add(Mutation.CRLF);
            }
            done.forEach(m -> applied.merge(m, 1, Integer::sum));
            List<byte[]> chunks = chunks(body, random);

            long start = System.nanoTime();
            Decoded decoded = DecodeRun.chunks(chunks, MAX_LINE);
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            ReferenceReading expected = ReferenceReading.of(body, MAX_LINE);

            String what = "stream " + n + " " + done + " in " + chunks.size() + " chunks: " + describe(body)
                    + "\n  expected " + expected + "\n  decoder  " + decoded.failureSummary();
            check(decoded, expected, typed, what);
            rows += decoded.rows().size();
            outcomes.merge(decoded.failure() == null ? "rows" : decoded.failure().getClass().getSimpleName(), 1,
                    Integer::sum);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("[reliability] NDJSON fuzzing (%s): %d streams in %d ms (slowest %d ms), mutations %s, "
                        + "outcomes %s, %d rows; no unchecked exception, no skipped line%n", ReliabilitySeed.reproduce(),
                STREAMS, millis, TimeUnit.NANOSECONDS.toMillis(slowestNanos), applied, outcomes, rows);
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowestNanos)).as("the slowest body (ms)").isLessThan(5_000);
        assertThat(outcomes.keySet()).as("the fuzzing reached every outcome")
                .contains("rows", "NetworkException", "ResponseParseException", "QueryException");
    }

    private static void check(Decoded decoded, ReferenceReading expected, boolean typed, String what) {
        assertThat(decoded.headCalls()).as(what).isLessThanOrEqualTo(1);
        if (typed) {
            assertThat(decoded.rows()).as(what + ": rows").hasSize(expected.rows().size());
        } else {
            List<List<Object>> cells = new ArrayList<>();
            expected.rows().forEach(line -> cells.add(Bodies.expectedCells(line)));
            assertThat(decoded.cells()).as(what + ": rows").isEqualTo(cells);
        }
        RuntimeException failure = decoded.failure();
        if (expected.failure() == null) {
            assertThat(failure).as(what).isNull();
            return;
        }
        assertThat(failure).as(what).isInstanceOf(AltertableException.class);
        switch (expected.failure()) {
            case EARLY_END:
                assertThat(failure).as(what).isInstanceOf(NetworkException.class);
                break;
            case EARLY_END_OR_MALFORMED:
                assertThat(failure).as(what).isInstanceOfAny(NetworkException.class, ResponseParseException.class);
                break;
            case MALFORMED:
                assertThat(failure).as(what).isInstanceOf(ResponseParseException.class);
                break;
            default: // an object where a row or the columns belong: an error line, or malformed if it is no error
                assertThat(failure).as(what).isInstanceOfAny(QueryException.class, ResponseParseException.class);
                break;
        }
        long line = failure instanceof ResponseParseException ? ((ResponseParseException) failure).lineNumber()
                : failure instanceof QueryException ? ((QueryException) failure).lineNumber() : expected.line();
        assertThat(line).as(what + ": the failing line").isEqualTo(expected.line());
    }

    /** Metadata, columns and 0 to 30 rows, untyped (names) or typed (column objects). */
    private static List<String> base(Random random, boolean typed) {
        List<String> source = typed ? Bodies.TYPED_ROWS : Bodies.ROWS;
        List<String> rows = new ArrayList<>();
        int n = random.nextInt(31);
        for (int i = 0; i < n; i++) {
            rows.add(source.get(random.nextInt(source.size())));
        }
        return Bodies.body(typed ? Bodies.TYPED_COLUMNS : Bodies.NAME_COLUMNS, rows);
    }

    static byte[] mutate(byte[] body, Mutation mutation, Random random) {
        switch (mutation) {
            case TRUNCATE:
                return Arrays.copyOf(body, random.nextInt(body.length + 1));
            case BAD_BYTE: {
                if (body.length == 0) {
                    return body;
                }
                byte[] out = body.clone();
                int at = random.nextInt(out.length);
                if (out[at] == '\n' || out[at] == '\r') {
                    return out; // line ends are the line mutations' business
                }
                out[at] = BAD_BYTES[random.nextInt(BAD_BYTES.length)];
                return out;
            }
            case SPLIT_UTF8: {
                List<Integer> inside = new ArrayList<>();
                for (int i = 0; i < body.length; i++) {
                    if ((body[i] & 0xC0) == 0x80) {
                        inside.add(i); // a continuation byte: cutting before it splits a character
                    }
                }
                return inside.isEmpty() ? body : Arrays.copyOf(body, inside.get(random.nextInt(inside.size())));
            }
            case WRONG_SHAPE:
                return replaceLine(body, random, SHAPES.get(random.nextInt(SHAPES.size())));
            case HUGE_LINE: {
                int size = MAX_LINE * 2 + random.nextInt(MAX_LINE * 12);
                String huge = random.nextBoolean()
                        ? "[1,\"" + "x".repeat(size) + "\",null,\"a\",{},1.5,2]"
                        : "{\"query_id\":\"" + "y".repeat(size) + "\"}";
                return replaceLine(body, random, huge);
            }
            case JOIN_LINES:
                return removeByte(body, random, (byte) '\n');
            case SPLIT_LINE: {
                if (body.length == 0) {
                    return body;
                }
                int at = random.nextInt(body.length);
                return insert(body, at, new byte[] {'\n'});
            }
            case REPEAT_LINE: {
                List<byte[]> lines = lines(body);
                int i = random.nextInt(lines.size());
                lines.add(i, lines.get(i));
                return join(lines);
            }
            case BLANK_LINE: {
                List<byte[]> lines = lines(body);
                lines.add(random.nextInt(lines.size() + 1), random.nextBoolean() ? new byte[0] : " \t ".getBytes());
                return join(lines);
            }
            default:
                return crlf(body);
        }
    }

    /** The body split on {@code \n} (the part after the last one included, possibly empty). */
    static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                lines.add(Arrays.copyOfRange(body, from, i));
                from = i + 1;
            }
        }
        lines.add(Arrays.copyOfRange(body, from, body.length));
        return lines;
    }

    static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.writeBytes(lines.get(i));
        }
        return out.toByteArray();
    }

    private static byte[] replaceLine(byte[] body, Random random, String line) {
        List<byte[]> lines = lines(body);
        lines.set(random.nextInt(lines.size()), Bodies.utf8(line));
        return join(lines);
    }

    private static byte[] removeByte(byte[] body, Random random, byte which) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == which) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return body;
        }
        int i = at.get(random.nextInt(at.size()));
        byte[] out = new byte[body.length - 1];
        System.arraycopy(body, 0, out, 0, i);
        System.arraycopy(body, i + 1, out, i, body.length - i - 1);
        return out;
    }

    private static byte[] insert(byte[] body, int at, byte[] what) {
        byte[] out = new byte[body.length + what.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(body, at, out, at + what.length, body.length - at);
        return out;
    }

    private static byte[] crlf(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : body) {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Seeded chunks: one piece, pieces of 1 to 8 bytes (splitting most characters), or of up to 4 KiB. */
    private static List<byte[]> chunks(byte[] body, Random random) {
        int style = random.nextInt(3);
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < body.length) {
            int size = style == 0 ? body.length : style == 1 ? 1 + random.nextInt(8) : 1 + random.nextInt(4096);
            int to = Math.min(body.length, from + size);
            chunks.add(Arrays.copyOfRange(body, from, to));
            from = to;
        }
        return chunks;
    }

    private static String describe(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return body.length + " bytes: " + (text.length() > 600 ? text.substring(0, 600) + "..." : text)
                .replace("\n", "\\n").replace("\r", "\\r");
    }
}
