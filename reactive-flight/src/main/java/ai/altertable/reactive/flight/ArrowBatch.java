package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.flight.internal.ArrowRows;
import ai.altertable.reactive.flight.internal.RootSlices;
import ai.altertable.reactive.flight.internal.StreamMemory;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Arrow record batch of a query result, <b>owned by whoever receives it</b>: the subscriber must
 * {@link #close()} it (try-with-resources) when done, which frees its buffers. The batch's vectors were moved out of the
 * Flight stream without copying; they stay valid, on any thread, until {@code close()}.
 *
 * <p><b>Who closes what.</b> Batches delivered by {@link FlightSession#queryBatches(String)} belong to the subscriber.
 * Batches that were fetched ahead but never delivered (the subscription was cancelled, or failed) are closed by the
 * client. A batch that is never closed keeps its stream's allocator open, and closing the client then fails with
 * Arrow's leak report. Dictionary-encoded columns arrive decoded, so every batch is self-contained.
 *
 * <p>{@link #root()} may be read freely; do not reallocate its vectors. Rows: {@link #toRows()} decodes every row into
 * natural Java values (the same values the REST client's rows hold), which remain valid after {@code close()}.
 */
public final class ArrowBatch implements AutoCloseable {

    private final VectorSchemaRoot root;
    private final RowMetadata metadata;
    private final StreamMemory memory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ArrowBatch(VectorSchemaRoot root, RowMetadata metadata, StreamMemory memory) {
        this.root = root;
        this.metadata = metadata;
        this.memory = memory;
    }

    /** Moves the batch in {@code source} (without copying) into a batch owned by the caller; {@code source} is emptied. */
    static ArrowBatch transfer(VectorSchemaRoot source, RowMetadata metadata, StreamMemory memory) {
        List<FieldVector> vectors = new ArrayList<>(source.getFieldVectors().size());
        memory.retain();
        try {
            for (FieldVector v : source.getFieldVectors()) {
                TransferPair pair = v.getTransferPair(memory.allocator());
                pair.transfer();
                vectors.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            memory.release();
            throw e;
        }
        int rows = source.getRowCount();
        source.setRowCount(0);
        return new ArrowBatch(new VectorSchemaRoot(source.getSchema().getFields(), vectors, rows), metadata, memory);
    }

    /**
     * The batch's vectors. Valid until {@link #close()}.
     *
     * @throws IllegalStateException once the batch is closed
     */
    public VectorSchemaRoot root() {
        checkOpen();
        return root;
    }

    /** The schema of the stream this batch came from (the server's Arrow types). */
    public Schema schema() {
        return root.getSchema();
    }

    /** The columns with their DuckDB types, as {@link Row#metadata()} of {@link #toRows()} describes them. */
    public RowMetadata metadata() {
        return metadata;
    }

    public int rowCount() {
        return root.getRowCount();
    }

    /** Bytes of Arrow buffers the batch holds (0 once closed). */
    public long sizeInBytes() {
        return closed.get() ? 0 : RootSlices.bufferBytes(root);
    }

    /**
     * Every row, decoded into natural Java values; the rows stay valid after {@link #close()}.
     *
     * @throws IllegalStateException once the batch is closed
     */
    public List<Row> toRows() {
        checkOpen();
        return ArrowRows.decode(root, metadata);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Frees the batch's buffers. Idempotent and thread-safe. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                root.close();
            } finally {
                memory.release();
            }
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this ArrowBatch is closed");
        }
    }

    @Override
    public String toString() {
        return "ArrowBatch[rows=" + root.getRowCount() + ", columns=" + metadata + (closed.get() ? ", closed" : "") + "]";
    }
}
