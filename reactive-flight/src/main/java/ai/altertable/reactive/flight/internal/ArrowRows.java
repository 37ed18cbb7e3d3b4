package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.core.row.Rows;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes record batches into {@link Row}s whose values are natural Java values (see {@link CellReaders}), eagerly, so
 * that the rows stay valid after the batch is gone. One instance per stream: it keeps the column metadata of the last
 * schema it saw, so that the rows of one result share one {@link RowMetadata}. Not thread-safe (a stream decodes on
 * one thread at a time).
 */
public final class ArrowRows {

    private final Schema announced;
    private Schema schema;
    private RowMetadata metadata;

    /** @param announced the {@code FlightInfo} schema, used only as a type hint (may be null) */
    public ArrowRows(Schema announced) {
        this.announced = announced;
    }

    /** The rows of {@code root}, in order. */
    public List<Row> decode(VectorSchemaRoot root) {
        return decode(root, metadata(root.getSchema()));
    }

    /** The rows of {@code root}, described by {@code md} (built from the same schema). Thread-safe. */
    public static List<Row> decode(VectorSchemaRoot root, RowMetadata md) {
        List<FieldVector> vectors = root.getFieldVectors();
        CellReaders.CellReader[] readers = new CellReaders.CellReader[vectors.size()];
        for (int c = 0; c < readers.length; c++) {
            readers[c] = CellReaders.of(vectors.get(c), md.column(c).type());
        }
        int rows = root.getRowCount();
        List<Row> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Object[] values = new Object[readers.length];
            for (int c = 0; c < readers.length; c++) {
                values[c] = readers[c].read(r);
            }
            out.add(Rows.of(md, values));
        }
        return out;
    }

    /** The metadata of rows of {@code streamSchema}. */
    public RowMetadata metadata(Schema streamSchema) {
        if (!streamSchema.equals(schema)) {
            schema = streamSchema;
            metadata = ArrowTypes.metadata(streamSchema, announced);
        }
        return metadata;
    }
}
