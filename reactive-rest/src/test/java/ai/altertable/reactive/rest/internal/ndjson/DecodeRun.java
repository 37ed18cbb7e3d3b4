package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.row.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives a {@link QueryStreamDecoder} synchronously the way {@code concatMapIterable(feed, 1)} does: each chunk's
 * iterable is iterated to the end before the next chunk is fed, then the end of input.
 */
final class DecodeRun {

    static final ErrorContext CONTEXT = ErrorContext.builder().operation("query").method("POST").path("/query")
            .requestId("req-1").build();
    static final int DEFAULT_MAX_LINE = 1 << 20;

    private DecodeRun() {
    }

    /** The body in one chunk. */
    static Decoded whole(byte[] body) {
        return chunks(List.of(body), DEFAULT_MAX_LINE);
    }

    /** The body cut at the given offsets (ascending, within the body). */
    static Decoded cutAt(byte[] body, int... offsets) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int offset : offsets) {
            chunks.add(Arrays.copyOfRange(body, from, offset));
            from = offset;
        }
        chunks.add(Arrays.copyOfRange(body, from, body.length));
        return chunks(chunks, DEFAULT_MAX_LINE);
    }

    /**
     * The body cut at the given offsets, each chunk copied into the middle of one reused array (overwritten with
     * garbage first) and fed with {@link QueryStreamDecoder#feed(byte[], int, int)}.
     */
    static Decoded throughOneArray(byte[] body, int... offsets) {
        byte[] array = new byte[body.length + 4];
        List<QueryHead> heads = new ArrayList<>();
        QueryStreamDecoder decoder = new QueryStreamDecoder(DEFAULT_MAX_LINE, CONTEXT, heads::add);
        List<Row> rows = new ArrayList<>();
        int[] ends = Arrays.copyOf(offsets, offsets.length + 1);
        ends[offsets.length] = body.length;
        try {
            int from = 0;
            for (int end : ends) {
                Arrays.fill(array, (byte) '"');
                System.arraycopy(body, from, array, 2, end - from);
                decoder.feed(array, 2, end - from).forEach(rows::add);
                from = end;
            }
            Arrays.fill(array, (byte) '"');
            decoder.endOfInput().forEach(rows::add);
        } catch (RuntimeException e) {
            return new Decoded(decoder.head(), heads.size(), rows, e);
        }
        return new Decoded(decoder.head(), heads.size(), rows, null);
    }

    /** The body in chunks of {@code size} bytes (the last one shorter). */
    static Decoded inChunksOf(byte[] body, int size) {
        return chunks(split(body, size), DEFAULT_MAX_LINE);
    }

    static List<byte[]> split(byte[] body, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < body.length; from += size) {
            chunks.add(Arrays.copyOfRange(body, from, Math.min(body.length, from + size)));
        }
        return chunks;
    }

    /** The given chunks, then the end of input; stops at the first failure, as a subscriber would. */
    static Decoded chunks(List<byte[]> chunks, int maxLineBytes) {
        List<QueryHead> heads = new ArrayList<>();
        QueryStreamDecoder decoder = new QueryStreamDecoder(maxLineBytes, CONTEXT, heads::add);
        List<Row> rows = new ArrayList<>();
        try {
            for (byte[] chunk : chunks) {
                decoder.feed(chunk).forEach(rows::add);
            }
            decoder.endOfInput().forEach(rows::add);
        } catch (RuntimeException e) {
            return new Decoded(decoder.head(), heads.size(), rows, e);
        }
        return new Decoded(decoder.head(), heads.size(), rows, null);
    }
}
