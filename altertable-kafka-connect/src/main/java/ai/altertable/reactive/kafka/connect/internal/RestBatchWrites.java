package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.RawJson;
import ai.altertable.reactive.rest.RowFormat;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.connect.errors.DataException;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The REST write paths, one request per batch of rows already encoded as JSON ({@link RawJson}, encoded once, by the
 * task, where the record arrived).
 */
public final class RestBatchWrites {

    private RestBatchWrites() {
    }

    /**
     * {@code POST /append?sync=true} of the batch: the answer is the write's outcome, not an accepted task. The batch
     * was cut by {@code batching} already, so it is one request; it is sent at most once here (the task's batching
     * engine decides about retries).
     */
    public static BatchWrite<RawJson> append(LakehouseClient client, TableRef table, BatchingOptions batching) {
        AppendOptions options = AppendOptions.of(table, true);
        BatchingOptions one = batching.mutate().maxInFlight(1).deliveryGuarantee(DeliveryGuarantee.AT_MOST_ONCE)
                .errorPolicy(BatchingOptions.ErrorPolicy.FAIL_FAST).build();
        // the batch's own error, not the one-batch write's wrapper: the task's engine decides retries by it
        return rows -> client.appendAll(options, Flux.fromIterable(rows), one).then()
                .onErrorMap(e -> e instanceof BatchFailedException && e.getCause() != null, Throwable::getCause);
    }

    /** {@code POST /upsert} of the batch as NDJSON, keyed on {@code primaryKey} (and {@code cursorField}, if any). */
    public static BatchWrite<RawJson> upsert(LakehouseClient client, TableRef table, List<String> primaryKey,
                                             List<String> cursorField) {
        UpsertOptions options = UpsertOptions.builder(table).primaryKey(primaryKey).cursorField(cursorField).build();
        return rows -> client.upsert(options, Flux.fromIterable(rows), RowFormat.NDJSON, sent -> { });
    }

    /** The bytes a row adds to a batch's body (its JSON and a separator). */
    public static int sizeOf(RawJson row) {
        return row.bytes().length + 1;
    }

    /**
     * The row as JSON, encoded once, where the record arrived (the task's worker thread).
     *
     * @throws DataException if a value cannot be encoded
     */
    public static RawJson json(Map<String, Object> row) {
        try {
            return new RawJson(JSON.writeValueAsBytes(row));
        } catch (IOException | RuntimeException e) {
            throw new DataException("a row cannot be encoded as JSON: " + e.getMessage(), e);
        }
    }

    private static final ObjectWriter JSON = AltertableJson.mapper().writerFor(Map.class);
}
