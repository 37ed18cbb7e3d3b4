package ai.altertable.reactive.flight.internal;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows as Arrow, for one schema: the cells a row's values become as the row enters the batching engine, the estimated
 * size of a row's cells, by which the engine cuts rows into batches, and the one record batch a cut batch of rows
 * becomes. Nothing is cut here: a batch is encoded as it was cut. Immutable and thread-safe.
 *
 * <p>A row's text is encoded to UTF-8 once, when it becomes cells; its size and its write then use the same bytes
 * ({@link CellColumn}). The estimate counts, per value, a byte of validity, the fixed width or the offset and the bytes
 * of a variable width value ({@link ArrowValueWriter#estimate}), so it is at least the record batch's buffer bytes for
 * any batch of more than a few rows (the validity bitmap takes a bit per row, not a byte).
 */
public final class RowBatchEncoder {

    private final Schema schema;
    private final CellColumn[] columns;
    private final int[] variable; // the columns whose size depends on the value
    private final long fixedSize; // what the other columns add to every row

    private RowBatchEncoder(Schema schema) {
        this.schema = schema;
        List<Field> fields = schema.getFields();
        this.columns = new CellColumn[fields.size()];
        List<Integer> varying = new ArrayList<>();
        long fixed = 0;
        for (int c = 0; c < columns.length; c++) {
            columns[c] = CellColumn.of(fields.get(c));
            long size = columns[c].fixedSize();
            if (size < 0) {
                varying.add(c);
            } else {
                fixed += size;
            }
        }
        this.variable = varying.stream().mapToInt(Integer::intValue).toArray();
        this.fixedSize = fixed;
    }

    /** The encoder of rows of {@code schema}; its column writers are chosen here, once. */
    public static RowBatchEncoder of(Schema schema) {
        return new RowBatchEncoder(schema);
    }

    /** The schema of the record batches. */
    public Schema schema() {
        return schema;
    }

    /** The cells of a row whose values ({@code values}, one per field) are in the schema's field order. */
    public Object[] cells(List<?> values) {
        Object[] cells = new Object[columns.length];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = columns[c].cell(values.get(c));
        }
        return cells;
    }

    /** The estimated bytes a row's {@code cells} add to a record batch. */
    public int size(Object[] cells) {
        long size = fixedSize;
        for (int c : variable) {
            size += columns[c].size(cells[c]);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * One record batch of {@code rows} (each the cells of a row), allocated from {@code allocator}; the caller owns
     * it. Columns are written one after the other, each by a loop of its own type: the common Java types of the
     * common columns ({@code Long} into {@code BIGINT},
     * {@code Integer} into {@code INTEGER}, {@code Double} into {@code DOUBLE}, {@code Boolean} into {@code BOOLEAN},
     * text as its UTF-8 bytes) are written directly, everything else as {@link ArrowValueWriter} says. Text columns
     * are allocated for the batch's text at once.
     *
     * @throws ai.altertable.reactive.core.SerializationException if a value does not fit its column (nothing is left
     *                                                            allocated then)
     */
    public VectorSchemaRoot encode(List<Object[]> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            int count = rows.size();
            List<FieldVector> vectors = root.getFieldVectors();
            for (int c = 0; c < columns.length; c++) {
                columns[c].writer(vectors.get(c)).write(rows, c, count);
            }
            root.setRowCount(count);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
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
     * {@code allocator}, as an ingest of these rows encodes it; the caller owns it.
     *
     * @throws ai.altertable.reactive.core.SerializationException if a value does not fit its column
     */
    public static VectorSchemaRoot encode(Schema schema, List<? extends List<?>> rows, BufferAllocator allocator) {
        RowBatchEncoder encoder = of(schema);
        List<Object[]> cells = new ArrayList<>(rows.size());
        for (List<?> row : rows) {
            cells.add(encoder.cells(row));
        }
        return encoder.encode(cells, allocator);
    }
}
