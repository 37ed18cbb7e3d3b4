package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.function.Consumer;

/**
 * An {@link ArrowReader} of exactly one batch, filled by a callback: rows built in Java (metadata, the result of a
 * statement without a result set) streamed like a DuckDB export, and single uploaded batches handed to DuckDB through
 * the C Data interface.
 */
final class RootReader extends ArrowReader {

    private final Schema schema;
    private final Consumer<VectorSchemaRoot> fill;
    private boolean done;

    /**
     * @param schema the batch's schema (no dictionaries)
     * @param fill   writes the rows into the reader's root and sets its row count
     */
    RootReader(BufferAllocator allocator, Schema schema, Consumer<VectorSchemaRoot> fill) {
        super(allocator);
        this.schema = schema;
        this.fill = fill;
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        if (done) {
            return false;
        }
        done = true;
        fill.accept(getVectorSchemaRoot());
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // nothing beyond the root, which ArrowReader closes
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
