package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.rest.RawJson;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Encodes the rows of one batched write for {@link AppendBodies}, each once, in source order: a {@link RawJson} row is
 * taken as its own bytes (not copied); any other row is written by one Jackson {@link SequenceWriter} for the whole
 * write (its serializers looked up once per row class, not once per row) into shared arrays, each row followed by a
 * comma, and returned as a {@link JsonRow} of those arrays. The bytes are exactly those of
 * {@link RowEncoding#json(Object)}.
 *
 * <p>One per write; called by one thread at a time, with happens-before between calls (as Reactor's serial signals
 * guarantee). A row that fails to encode ends the write (the encoder must not be used after it threw).
 */
public final class RowEncoder {

    /** Rows are written without anything between them; the arrays get a comma after each row instead. */
    private static final ObjectWriter WRITER = AltertableJson.mapper().writer().withRootValueSeparator("")
            .with(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final Arena arena = new Arena();
    private SequenceWriter rows;

    /** The encoded row: a {@code byte[]} (a {@link RawJson}'s own bytes) or a {@link JsonRow}. */
    public Object encode(Object row) {
        if (row instanceof RawJson) {
            return ((RawJson) row).bytes();
        }
        arena.startRow();
        try {
            if (rows == null) {
                rows = WRITER.writeValues(arena); // flushes after each value: the row is then all in the arena
            }
            rows.write(row);
        } catch (IOException e) {
            throw new SerializationException("cannot encode a " + row.getClass().getSimpleName() + " row as JSON",
                    ErrorContext.none(), e);
        }
        if (!arena.rowIsObject()) {
            throw new SerializationException("an appended row must encode to a JSON object, but "
                    + row.getClass().getSimpleName() + " does not", ErrorContext.none());
        }
        return arena.endRow();
    }

    /**
     * The arrays rows are written into: a row being written always lies in one array (it moves to a new, larger one
     * when it outgrows the current one), and complete rows are never moved or changed. Arrays start small and double
     * up to {@link #MAX_ARRAY} bytes; they are dropped by the garbage collector once no batch refers to their rows.
     */
    private static final class Arena extends OutputStream {

        private static final int MIN_ARRAY = 8 * 1024;
        private static final int MAX_ARRAY = 256 * 1024;

        private byte[] array = new byte[0];
        private int length;
        private int rowStart;
        private int nextArray = MIN_ARRAY;

        void startRow() {
            rowStart = length;
        }

        boolean rowIsObject() {
            return length > rowStart && array[rowStart] == '{';
        }

        JsonRow endRow() {
            boolean comma = length < array.length;
            JsonRow row = new JsonRow(array, rowStart, length - rowStart, comma);
            if (comma) {
                array[length++] = ',';
            }
            rowStart = length;
            return row;
        }

        @Override
        public void write(int b) {
            if (length == array.length) {
                grow(1);
            }
            array[length++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            if (count > array.length - length) {
                grow(count);
            }
            System.arraycopy(bytes, offset, array, length, count);
            length += count;
        }

        /** A new array with room for {@code more} bytes after the part of the row written so far, which moves. */
        private void grow(int more) {
            int written = length - rowStart;
            long needed = (long) written + more + 1;
            if (needed > Integer.MAX_VALUE - 16) {
                throw new UncheckedIOException(new IOException("a row is too large to encode: over 2 GiB"));
            }
            byte[] next = new byte[(int) Math.max(nextArray, needed)];
            nextArray = Math.min(MAX_ARRAY, nextArray * 2);
            System.arraycopy(array, rowStart, next, 0, written);
            array = next;
            length = written;
            rowStart = 0;
        }
    }
}
