package ai.altertable.reactive.mock.internal.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.function.Consumer;

/**
 * Turns the batches DuckDB exports into the messages a DoGet sends: dictionaries decoded
 * ({@link DictionaryHydration}) and batches cut by rows so that each message stays at most about {@value #MAX_MESSAGE_BYTES} bytes, as the official
 * mock's arrow-rs encoder does (protocol §1). Each piece is an {@link ArrowRecordBatch} that holds its own references
 * to the buffers; the consumer closes it.
 */
final class OutgoingBatches {

    /** The largest message body the mock sends, about 2 MiB. */
    static final long MAX_MESSAGE_BYTES = 2L * 1024 * 1024;

    private final DictionaryProvider dictionaries;
    private final BufferAllocator allocator;
    private final Schema schema;

    /**
     * @param source       the schema DuckDB exports (dictionary-encoded ENUMs included)
     * @param dictionaries the exporter's dictionaries
     * @param allocator    where decoded and sliced vectors live
     */
    OutgoingBatches(Schema source, DictionaryProvider dictionaries, BufferAllocator allocator) {
        this.dictionaries = dictionaries;
        this.allocator = allocator;
        this.schema = DictionaryHydration.decoded(source, dictionaries);
    }

    /** The schema of the stream: {@code source} with dictionaries decoded. */
    Schema schema() {
        return schema;
    }

    /**
     * Cuts one exported batch into messages; {@code source} is left empty. A batch without rows gives no message, so
     * an empty result is a schema and no batch (protocol §7) however it was produced.
     */
    void split(VectorSchemaRoot source, Consumer<ArrowRecordBatch> out) {
        try (VectorSchemaRoot batch = DictionaryHydration.decode(source, dictionaries, allocator)) {
            int rows = batch.getRowCount();
            if (rows == 0) {
                return;
            }
            long bytes = bufferBytes(batch);
            if (bytes <= MAX_MESSAGE_BYTES || rows == 1) {
                out.accept(new VectorUnloader(batch).getRecordBatch());
                return;
            }
            int pieces = (int) Math.min(rows, (bytes + MAX_MESSAGE_BYTES - 1) / MAX_MESSAGE_BYTES);
            int rowsPerPiece = (rows + pieces - 1) / pieces;
            for (int start = 0; start < rows; start += rowsPerPiece) {
                try (VectorSchemaRoot slice = batch.slice(start, Math.min(rowsPerPiece, rows - start))) {
                    out.accept(new VectorUnloader(slice).getRecordBatch());
                }
            }
        }
    }

    private static long bufferBytes(VectorSchemaRoot root) {
        long total = 0;
        for (FieldVector v : root.getFieldVectors()) {
            total += v.getBufferSize();
        }
        return total;
    }
}
