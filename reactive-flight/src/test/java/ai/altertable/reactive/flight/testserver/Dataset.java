package ai.altertable.reactive.flight.testserver;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A result the test server serves for one SQL text: a stream schema (and optionally a different announced schema),
 * endpoints of batches of rows, each filled by a {@link Filler} from the row's global index.
 *
 * @param failAfterBatches fail the DoGet with INVALID_ARGUMENT after this many batches (negative: never)
 */
public record Dataset(Schema schema, Schema announced, int endpoints, int batchesPerEndpoint, int rowsPerBatch,
                      Filler filler, int failAfterBatches, Dictionaries dictionaries) {

    /** Makes the dictionaries of dictionary-encoded fields (the caller closes their vectors). */
    @FunctionalInterface
    public interface Dictionaries {
        org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider create(
                org.apache.arrow.memory.BufferAllocator allocator);
    }

    /** Fills {@code rows} rows starting at global row {@code first} into an allocated root. */
    @FunctionalInterface
    public interface Filler {
        void fill(VectorSchemaRoot root, long first, int rows);
    }

    /** Columns {@code id BIGINT} (the global row index) and {@code name VARCHAR} ({@code row-<id>}). */
    public static Dataset counting(int endpoints, int batchesPerEndpoint, int rowsPerBatch) {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        return new Dataset(schema, schema, endpoints, batchesPerEndpoint, rowsPerBatch, (root, first, rows) -> {
            BigIntVector id = (BigIntVector) root.getVector(0);
            VarCharVector name = (VarCharVector) root.getVector(1);
            for (int i = 0; i < rows; i++) {
                id.setSafe(i, first + i);
                name.setSafe(i, ("row-" + (first + i)).getBytes(StandardCharsets.UTF_8));
            }
        }, -1, null);
    }

    /** {@code id BIGINT} and {@code payload VARCHAR} of {@code payloadBytes} bytes per row: batches of a known size. */
    public static Dataset wide(int batches, int rowsPerBatch, int payloadBytes) {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                new Field("payload", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        return new Dataset(schema, schema, 1, batches, rowsPerBatch, (root, first, rows) -> {
            BigIntVector id = (BigIntVector) root.getVector(0);
            VarCharVector text = (VarCharVector) root.getVector(1);
            for (int i = 0; i < rows; i++) {
                id.setSafe(i, first + i);
                text.setSafe(i, payload);
            }
        }, -1, null);
    }

    /** The same data announced with another schema by GetFlightInfo. */
    public Dataset announcing(Schema other) {
        return new Dataset(schema, other, endpoints, batchesPerEndpoint, rowsPerBatch, filler, failAfterBatches,
                dictionaries);
    }

    /** The same data, but the DoGet fails after {@code batches} batches. */
    public Dataset failingAfter(int batches) {
        return new Dataset(schema, announced, endpoints, batchesPerEndpoint, rowsPerBatch, filler, batches,
                dictionaries);
    }

    /** One endpoint, one batch of {@code rows} rows. */
    public static Dataset of(Schema schema, int rows, Filler filler) {
        return new Dataset(schema, schema, 1, 1, rows, filler, -1, null);
    }

    /** The same data with dictionary-encoded fields, whose dictionaries {@code d} makes. */
    public Dataset withDictionaries(Dictionaries d) {
        return new Dataset(schema, announced, endpoints, batchesPerEndpoint, rowsPerBatch, filler, failAfterBatches, d);
    }

    public long totalRows() {
        return (long) endpoints * batchesPerEndpoint * rowsPerBatch;
    }
}
