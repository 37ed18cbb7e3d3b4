package ai.altertable.reactive.flight.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;

/**
 * Rows as Arrow: the estimated size of a row's values, by which the batching engine cuts rows into batches, and the one
 * record batch a cut batch of rows becomes. Nothing is cut here: a batch is encoded as it was cut.
 *
 * <p>The estimate counts, per value, a byte of validity, the fixed width or the offset and the bytes of a variable
 * width value ({@link ArrowValueWriter#estimate}), so it is at least the record batch's buffer bytes for any batch of
 * more than a few rows (the validity bitmap takes a bit per row, not a byte).
 */
public final class RowBatchEncoder {

    private RowBatchEncoder() {
    }

    /** The estimated bytes {@code values} (one per field of {@code fields}) add to a record batch. */
    public static int estimate(List<Field> fields, List<?> values) {
        long size = 0;
        for (int c = 0; c < fields.size(); c++) {
            size += ArrowValueWriter.estimate(fields.get(c), values.get(c));
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * One record batch of {@code rows} (each the values of a row, in the schema's field order), allocated from
     * {@code allocator}; the caller owns it.
     *
     * @throws ai.altertable.reactive.core.SerializationException if a value does not fit its column (nothing is left
     *                                                            allocated then)
     */
    public static VectorSchemaRoot encode(Schema schema, List<? extends List<?>> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            int count = rows.size();
            List<FieldVector> vectors = root.getFieldVectors();
            for (FieldVector vector : vectors) {
                vector.setInitialCapacity(count);
                vector.allocateNew();
            }
            for (int c = 0; c < vectors.size(); c++) {
                FieldVector vector = vectors.get(c);
                for (int r = 0; r < count; r++) {
                    ArrowValueWriter.set(vector, r, rows.get(r).get(c));
                }
            }
            root.setRowCount(count);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
