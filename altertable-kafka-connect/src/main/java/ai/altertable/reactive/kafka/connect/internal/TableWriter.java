package ai.altertable.reactive.kafka.connect.internal;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.batch.CoalescingAppender;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UpsertOptions;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.RowFormat;
import ai.altertable.reactive.rest.TableAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Writes the rows of one table through the library's batching engine: each {@link #write} joins the current batch,
 * and its {@code Mono} completes once the server acknowledged that batch (written: appends are sent with
 * {@code sync=true}, so the acknowledgement is the write, not an accepted task), or fails with the batch's error.
 * Appends go through {@link TableAppender} ({@code POST /append}); with a primary key, batches are upserted
 * ({@code POST /upsert}, NDJSON) through a {@link CoalescingAppender}.
 *
 * <p>Bounded by {@code capacity} rows queued or in flight; beyond it a write waits without holding a thread (the task
 * pauses its partitions before that happens in practice). Thread-safe.
 */
public abstract class TableWriter implements AutoCloseable {

    /** Joins the next batch; completes when the batch is acknowledged. */
    public abstract Mono<?> write(Map<String, Object> row);

    /** Stops at once; rows not acknowledged fail. */
    @Override
    public abstract void close();

    /** A writer for {@code table}: an upsert when {@code primaryKey} is not empty, else an append. */
    public static TableWriter create(LakehouseClient client, TableRef table, List<String> primaryKey,
                                     List<String> cursorField, BatchingOptions batching, RetryPolicy retry,
                                     int capacity) {
        if (primaryKey.isEmpty()) {
            TableAppender<Map<String, Object>> appender = client.appender(AppendOptions.of(table, true), batching,
                    capacity, CoalescingAppender.Overflow.WAIT);
            return new TableWriter() {
                @Override
                public Mono<?> write(Map<String, Object> row) {
                    return appender.append(row);
                }

                @Override
                public void close() {
                    appender.close();
                }
            };
        }
        UpsertOptions options = UpsertOptions.builder(table).primaryKey(primaryKey).cursorField(cursorField).build();
        CoalescingAppender<Map<String, Object>, Integer> appender = CoalescingAppender.create(TableWriter::sizeOf,
                batching, retry, Operation.UPSERT,
                batch -> client.upsert(options, Flux.fromIterable(batch.items()), RowFormat.NDJSON, sent -> { })
                        .thenReturn(batch.items().size()),
                capacity, CoalescingAppender.Overflow.WAIT);
        return new TableWriter() {
            @Override
            public Mono<?> write(Map<String, Object> row) {
                return appender.append(row);
            }

            @Override
            public void close() {
                appender.close();
            }
        };
    }

    /**
     * A writer whose batches are written by {@code write} (one request per batch), cut by the JSON size of the rows as
     * the REST writers' are, and retried per batch by {@code retry} as an ingest.
     */
    public static TableWriter create(BatchWrite write, BatchingOptions batching, RetryPolicy retry, int capacity) {
        CoalescingAppender<Map<String, Object>, Integer> appender = CoalescingAppender.create(TableWriter::sizeOf,
                batching, retry, Operation.FLIGHT_INGEST,
                batch -> write.write(batch.items()).thenReturn(batch.items().size()),
                capacity, CoalescingAppender.Overflow.WAIT);
        return new TableWriter() {
            @Override
            public Mono<?> write(Map<String, Object> row) {
                return appender.append(row);
            }

            @Override
            public void close() {
                appender.close();
            }
        };
    }

    /** The NDJSON line of a row, for cutting upsert batches by bytes (encoded again when sent). */
    private static int sizeOf(Map<String, Object> row) {
        try {
            return AltertableJson.mapper().writeValueAsBytes(row).length + 1;
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot encode a row as JSON", ErrorContext.none(), e);
        }
    }
}
