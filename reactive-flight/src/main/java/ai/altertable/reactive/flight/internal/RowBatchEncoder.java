package ai.altertable.reactive.flight.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
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
     * {@code allocator}; the caller owns it. Rows are written one after the other (each row's values are read once,
     * while they are in the cache), through a writer per column picked once per batch: the common Java types of the
     * common columns ({@code Long} into {@code BIGINT}, {@code Integer} into {@code INTEGER}, {@code Double} into
     * {@code DOUBLE}, {@code Boolean} into {@code BOOLEAN}, {@code String} into {@code VARCHAR}) are written directly,
     * everything else as {@link ArrowValueWriter} says.
     *
     * @throws ai.altertable.reactive.core.SerializationException if a value does not fit its column (nothing is left
     *                                                            allocated then)
     */
    public static VectorSchemaRoot encode(Schema schema, List<? extends List<?>> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            int count = rows.size();
            List<FieldVector> vectors = root.getFieldVectors();
            ColumnWriter[] writers = new ColumnWriter[vectors.size()];
            for (int c = 0; c < writers.length; c++) {
                FieldVector vector = vectors.get(c);
                vector.setInitialCapacity(count); // fixed-width columns then hold the batch without growing
                vector.allocateNew();
                writers[c] = writer(vector);
            }
            for (int r = 0; r < count; r++) {
                List<?> row = rows.get(r);
                for (int c = 0; c < writers.length; c++) {
                    writers[c].write(r, row.get(c));
                }
            }
            root.setRowCount(count);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** Writes the value of one row into a column. */
    @FunctionalInterface
    private interface ColumnWriter {
        void write(int row, Object value);
    }

    private static ColumnWriter writer(FieldVector vector) {
        switch (vector.getMinorType()) {
            case BIGINT:
                BigIntVector bigint = (BigIntVector) vector;
                return (r, v) -> {
                    if (v instanceof Long) {
                        bigint.set(r, (Long) v);
                    } else {
                        ArrowValueWriter.set(bigint, r, v);
                    }
                };
            case INT:
                IntVector integer = (IntVector) vector;
                return (r, v) -> {
                    if (v instanceof Integer) {
                        integer.set(r, (Integer) v);
                    } else {
                        ArrowValueWriter.set(integer, r, v);
                    }
                };
            case FLOAT8:
                Float8Vector float8 = (Float8Vector) vector;
                return (r, v) -> {
                    if (v instanceof Double) {
                        float8.set(r, (Double) v);
                    } else {
                        ArrowValueWriter.set(float8, r, v);
                    }
                };
            case BIT:
                BitVector bit = (BitVector) vector;
                return (r, v) -> {
                    if (v instanceof Boolean) {
                        bit.set(r, (Boolean) v ? 1 : 0);
                    } else {
                        ArrowValueWriter.set(bit, r, v);
                    }
                };
            case VARCHAR:
                VarCharVector varchar = (VarCharVector) vector;
                return (r, v) -> {
                    if (v instanceof String) {
                        varchar.setSafe(r, ((String) v).getBytes(StandardCharsets.UTF_8));
                    } else {
                        ArrowValueWriter.set(varchar, r, v);
                    }
                };
            default:
                return (r, v) -> ArrowValueWriter.set(vector, r, v);
        }
    }
}
