package ai.altertable.reactive.flight.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * One batch of an ingest of an application's record batches: a root (or a slice of one) the ingest owns until the
 * batch's outcome is known, since a retry sends it again. Each attempt uploads a {@linkplain #share share} of it that
 * the attempt's upload owns, so the root itself can be closed at any time, from any thread, by whoever learns first
 * that it is no longer needed (its result, the end of the ingest, a cancel): sharing and closing exclude each other.
 */
final class IngestRoot {

    private final VectorSchemaRoot root;
    private final int rows;
    private final long bytes;
    private long index = -1;
    private boolean closed; // guarded by this

    IngestRoot(VectorSchemaRoot root) {
        this.root = root;
        this.rows = root.getRowCount();
        this.bytes = RootSlices.bufferBytes(root);
    }

    int rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    /** The batch's position in the ingest, set once as it enters the batching engine (in the engine's order). */
    long index() {
        return index;
    }

    void index(long index) {
        this.index = index;
    }

    /**
     * A root allocated from {@code allocator} that shares this one's buffers (no copy; they stay alive until both are
     * closed). The caller owns it.
     *
     * @throws IllegalStateException if this batch was closed already (its ingest has ended or was cancelled)
     */
    synchronized VectorSchemaRoot share(BufferAllocator allocator) {
        if (closed) {
            throw new IllegalStateException("the record batch was released: its ingest has ended");
        }
        VectorSchemaRoot copy = VectorSchemaRoot.create(root.getSchema(), allocator);
        try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
            new VectorLoader(copy).load(batch);
            return copy;
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /** Releases the root; later calls do nothing. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }
}
