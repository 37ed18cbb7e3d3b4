package ai.altertable.reactive.benchmarks.flight;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The record batches section 2 streams, built once in Java before anything is timed: {@code rows} rows of
 * {@code id BIGINT} (0, 1, 2, ...), {@code ms DOUBLE} and {@code service VARCHAR} (20 characters, one of 1,000 values),
 * cut into batches of {@code batchRows} rows, every value set (no nulls, as a {@code NOT NULL} column would arrive, but
 * the fields are nullable like DuckDB's). Each batch is kept as an {@link ArrowRecordBatch} that holds its own
 * references to the buffers, so the server can load it into the stream's root without copying.
 *
 * <p>Readers touch one column, {@code id}; {@link #expectedIdSum()} is what the sum of every id must come to.
 */
public final class ArrowRowBatches implements AutoCloseable {

    public static final Schema SCHEMA = new Schema(List.of(
            Field.nullable("id", new ArrowType.Int(64, true)),
            Field.nullable("ms", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("service", ArrowType.Utf8.INSTANCE)));
    /** Characters of every {@code service} value. */
    public static final int SERVICE_CHARS = 20;
    private static final int SERVICES = 1000;

    private final long rows;
    private final int batchRows;
    private final List<ArrowRecordBatch> batches;
    private final long bodyBytes;

    private ArrowRowBatches(long rows, int batchRows, List<ArrowRecordBatch> batches) {
        this.rows = rows;
        this.batchRows = batchRows;
        this.batches = Collections.unmodifiableList(batches);
        this.bodyBytes = batches.stream().mapToLong(ArrowRecordBatch::computeBodyLength).sum();
    }

    /** Builds the batches from {@code allocator}; {@link #close()} releases them. */
    public static ArrowRowBatches build(BufferAllocator allocator, long rows, int batchRows) {
        byte[][] services = new byte[SERVICES][];
        for (int s = 0; s < SERVICES; s++) {
            services[s] = String.format("checkout-service-%03d", s).getBytes(StandardCharsets.US_ASCII);
        }
        List<ArrowRecordBatch> out = new ArrayList<>();
        try {
            for (long start = 0; start < rows; start += batchRows) {
                int n = (int) Math.min(batchRows, rows - start);
                try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
                    BigIntVector id = (BigIntVector) root.getVector(0);
                    Float8Vector ms = (Float8Vector) root.getVector(1);
                    VarCharVector service = (VarCharVector) root.getVector(2);
                    id.allocateNew(n);
                    ms.allocateNew(n);
                    service.allocateNew((long) n * SERVICE_CHARS, n);
                    for (int i = 0; i < n; i++) {
                        long row = start + i;
                        id.set(i, row);
                        ms.set(i, (row % 10_000) * 0.125);
                        service.set(i, services[(int) (row % SERVICES)]);
                    }
                    root.setRowCount(n);
                    out.add(new VectorUnloader(root).getRecordBatch()); // holds its own references
                }
            }
        } catch (RuntimeException e) {
            out.forEach(ArrowRecordBatch::close);
            throw e;
        }
        return new ArrowRowBatches(rows, batchRows, out);
    }

    public List<ArrowRecordBatch> batches() {
        return batches;
    }

    public long rows() {
        return rows;
    }

    public int batchRows() {
        return batchRows;
    }

    /** Bytes of the batches' Arrow IPC bodies (every buffer, padded to 8 bytes): what a DoGet carries besides metadata. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** The sum of every {@code id}: 0 + 1 + ... + (rows - 1). */
    public long expectedIdSum() {
        return rows * (rows - 1) / 2;
    }

    @Override
    public void close() {
        batches.forEach(ArrowRecordBatch::close);
    }
}
