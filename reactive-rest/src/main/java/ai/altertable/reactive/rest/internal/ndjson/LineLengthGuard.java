package ai.altertable.reactive.rest.internal.ndjson;

/**
 * Enforces the maximum line size of an NDJSON body on the raw bytes, before the JSON parser sees them, so that an
 * over-long line is caught as soon as it passes the limit rather than after a huge string has been buffered.
 *
 * <p>For each chunk, {@link #admit(byte[], int, int)} answers how much of it may be parsed: all of it, or the bytes up to the first
 * one that takes a line past the limit. A line's size is its bytes without the terminating {@code \n} (a {@code \r}
 * before it counts). The scan does not read every byte: from the start of the current line it looks backwards from the
 * furthest byte the line may reach for the last {@code \n}, since every line before that newline is shorter than the
 * limit. With rows much shorter than the limit this reads about one row per chunk; at worst each byte is read twice.
 *
 * <p>Not thread-safe: one per decoder.
 */
final class LineLengthGuard {

    private final int maxLineBytes;
    /** Bytes of the current, unterminated line seen in earlier chunks. */
    private long carried;

    /**
     * @param maxLineBytes the largest accepted line, in bytes, at least 1
     */
    LineLengthGuard(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** The configured limit. */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * Accounts for the next chunk of the body.
     *
     * @return {@code chunk.length} when every line stays within the limit; otherwise the index of the first byte beyond
     *         the limit, so that exactly {@code maxLineBytes} bytes of the offending line come before it
     */
    int admit(byte[] chunk) {
        return admit(chunk, 0, chunk.length);
    }

    /**
     * {@link #admit(byte[])} for the chunk {@code chunk[offset, offset + length)}.
     *
     * @return {@code length} when every line stays within the limit; otherwise the number of the chunk's bytes before
     *         the first one beyond the limit
     */
    int admit(byte[] chunk, int offset, int length) {
        int lineStart = 0;
        long seen = carried;
        while (true) {
            long firstBeyond = lineStart + (maxLineBytes - seen);
            if (firstBeyond >= length) {
                int newline = lastNewline(chunk, offset, lineStart, length);
                carried = newline < 0 ? seen + (length - lineStart) : length - newline - 1L;
                return length;
            }
            int newline = lastNewline(chunk, offset, lineStart, (int) firstBeyond + 1);
            if (newline < 0) {
                carried = maxLineBytes + 1L;
                return (int) firstBeyond;
            }
            lineStart = newline + 1;
            seen = 0;
        }
    }

    /** The index, relative to {@code offset}, of the last {@code \n} in {@code chunk[offset + from, offset + to)}, or -1. */
    private static int lastNewline(byte[] chunk, int offset, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (chunk[offset + i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
