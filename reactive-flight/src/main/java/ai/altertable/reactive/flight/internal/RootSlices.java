package ai.altertable.reactive.flight.internal;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.ArrayList;
import java.util.List;

/**
 * Record batches an application built, as batches to upload: a root of at most {@code maxRows} rows and
 * {@code maxBytes} bytes of buffers is one batch; a larger one is sliced by rows into batches that are (a single row
 * larger than {@code maxBytes} stays one batch, which the batching engine then refuses to send). Roots are never
 * merged.
 */
public final class RootSlices {

    private RootSlices() {
    }

    /** Bytes of buffers held by {@code root}'s vectors. */
    public static long bufferBytes(VectorSchemaRoot root) {
        long bytes = 0;
        for (FieldVector v : root.getFieldVectors()) {
            bytes += v.getBufferSize();
        }
        return bytes;
    }

    /**
     * {@code root} itself if it is within the limits, otherwise slices of it that are (the caller then owns the slices,
     * and {@code root} is closed). Ownership of {@code root} passes to this method: on failure everything is closed.
     */
    public static List<VectorSchemaRoot> cut(VectorSchemaRoot root, int maxRows, long maxBytes) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        try {
            cutInto(root, maxRows, maxBytes, out);
        } catch (RuntimeException e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return out;
    }

    private static void cutInto(VectorSchemaRoot root, int maxRows, long maxBytes, List<VectorSchemaRoot> out) {
        long size = bufferBytes(root);
        int rows = root.getRowCount();
        if ((size <= maxBytes && rows <= maxRows) || rows <= 1) {
            out.add(root);
            return;
        }
        try (VectorSchemaRoot whole = root) {
            long byRows = (rows + (long) maxRows - 1) / maxRows;
            long byBytes = Math.min(rows, (size + maxBytes - 1) / maxBytes);
            int parts = (int) Math.max(byRows, byBytes);
            int perPart = (rows + parts - 1) / parts;
            for (int start = 0; start < rows; start += perPart) {
                cutInto(whole.slice(start, Math.min(perPart, rows - start)), maxRows, maxBytes, out);
            }
        }
    }
}
