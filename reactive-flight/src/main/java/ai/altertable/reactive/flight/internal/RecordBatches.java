package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.IngestOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts data into record batches small enough to upload: rows into batches of at most {@code maxRows} rows and about
 * {@code maxBytes} bytes of buffers, and oversized record batches into slices by rows. A single row that cannot fit in
 * one message under the server's limit is refused.
 */
public final class RecordBatches {

    /** Headroom kept below the server's message limit for the IPC metadata and gRPC framing. */
    static final long MESSAGE_HEADROOM = 64 * 1024;

    private RecordBatches() {
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
     * {@code root} itself if it is at most {@code maxBytes}, otherwise slices of it that are (the caller then owns the
     * slices, and {@code root} is closed). Ownership of {@code root} passes to this method.
     */
    public static List<VectorSchemaRoot> split(VectorSchemaRoot root, long maxBytes) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        try {
            splitInto(root, maxBytes, out);
        } catch (RuntimeException e) {
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
        return out;
    }

    private static void splitInto(VectorSchemaRoot root, long maxBytes, List<VectorSchemaRoot> out) {
        long size = bufferBytes(root);
        int rows = root.getRowCount();
        if (size <= maxBytes || rows <= 1) {
            if (size > IngestOptions.SERVER_MESSAGE_LIMIT_BYTES - MESSAGE_HEADROOM) {
                root.close();
                throw tooLarge(size);
            }
            out.add(root);
            return;
        }
        try (VectorSchemaRoot whole = root) {
            int parts = (int) Math.min(rows, (size + maxBytes - 1) / maxBytes);
            int perPart = (rows + parts - 1) / parts;
            for (int start = 0; start < rows; start += perPart) {
                splitInto(whole.slice(start, Math.min(perPart, rows - start)), maxBytes, out);
            }
        }
    }

    /** Record batches of the given rows, cut by row count and estimated size. The caller owns the result. */
    public static <T> List<VectorSchemaRoot> encode(List<T> rows, ArrowRowEncoder<T> encoder, BufferAllocator allocator,
                                                    int maxRows, long maxBytes) {
        List<VectorSchemaRoot> out = new ArrayList<>();
        List<Field> fields = encoder.schema().getFields();
        VectorSchemaRoot root = null;
        int count = 0;
        long bytes = 0;
        try {
            for (T row : rows) {
                List<?> values = encoder.values(row);
                long size = 0;
                for (int c = 0; c < fields.size(); c++) {
                    size += ArrowValueWriter.estimate(fields.get(c), values.get(c));
                }
                if (size > IngestOptions.SERVER_MESSAGE_LIMIT_BYTES - MESSAGE_HEADROOM) {
                    throw tooLarge(size);
                }
                if (root != null && (count >= maxRows || bytes + size > maxBytes)) {
                    root.setRowCount(count);
                    out.add(root);
                    root = null;
                }
                if (root == null) {
                    root = VectorSchemaRoot.create(encoder.schema(), allocator);
                    root.allocateNew();
                    count = 0;
                    bytes = 0;
                }
                for (int c = 0; c < fields.size(); c++) {
                    ArrowValueWriter.set(root.getVector(c), count, values.get(c));
                }
                count++;
                bytes += size;
            }
            if (root != null) {
                root.setRowCount(count);
                out.add(root);
                root = null;
            }
            return out;
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            out.forEach(VectorSchemaRoot::close);
            throw e;
        }
    }

    private static BadRequestException tooLarge(long size) {
        return new BadRequestException("a single row of about " + size + " bytes does not fit in one message under the "
                + "server's 4 MiB limit", ErrorContext.none());
    }
}
