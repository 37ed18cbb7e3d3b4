package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.kafka.connect.internal.FlightBatchWrite;
import ai.altertable.reactive.kafka.connect.internal.PartitionProgress;
import ai.altertable.reactive.kafka.connect.internal.RecordRows;
import ai.altertable.reactive.kafka.connect.internal.TableWriter;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the records of its partitions to Altertable through the library's batching engine.
 *
 * <p><b>put only enqueues.</b> Each record becomes a row ({@link RecordRows}) and joins the current batch of its
 * table; {@code put} returns without waiting for any write. <b>Offsets</b>: {@link #preCommit} returns, per partition,
 * the offset after the longest run of received records whose batches the server acknowledged (or that were reported
 * as errant), never what {@code put} merely received; so delivery is <b>at-least-once</b>: after a crash or a
 * rebalance, the records after the committed offset are delivered again, and those already written are written
 * twice (appended twice; with {@code upsert.primary.key} they are upserted again and converge to one row per key).
 *
 * <p><b>Backpressure.</b> When more than {@code max.buffered.records} records are received and not acknowledged, the
 * task pauses its partitions ({@code SinkTaskContext.pause}) instead of buffering more or blocking the worker thread,
 * and resumes them once half of that bound is left. Pausing and resuming happen on the worker thread, in {@code put}
 * (Connect keeps calling it, with no records, while partitions are paused).
 *
 * <p><b>Bad records.</b> A record that cannot become a row (no struct or map, a tombstone with
 * {@code behavior.on.null.values=fail}, a value JSON cannot encode) goes to Connect's {@link ErrantRecordReporter}, so
 * Connect's {@code errors.tolerance} decides: {@code all} skips it (to the dead-letter queue when one is configured),
 * {@code none} fails the task. A batch that fails for good (refused by the server, or retries exhausted) fails the task
 * at the next {@code put}, with the batch's error; its records' offsets are never committed.
 */
public final class AltertableSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(AltertableSinkTask.class);

    private AltertableSinkConfig config;
    private LakehouseClient client;
    /** With {@code altertable.write.path=flight}; else null. */
    private LakehouseFlightClient flight;
    private BatchingOptions batching;
    private ErrantRecordReporter reporter;
    /** Touched by the worker thread only. */
    private final Map<TableRef, TableWriter> writers = new HashMap<>();
    /** Added and removed by the worker thread; read where acknowledgements arrive. */
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Records whose row could not be encoded, found wherever the write failed, reported on the worker thread. */
    private final Queue<Unencodable> unencodable = new ConcurrentLinkedQueue<>();
    private boolean paused;

    @Override
    public String version() {
        return AltertableSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new AltertableSinkConfig(props);
        LakehouseClientOptions.Builder options = LakehouseClientOptions.builder();
        config.endpoint().ifPresent(options::baseUrl);
        config.credentials().ifPresent(options::credentials);
        client = LakehouseClient.create(options.build());
        if (config.writePath() == AltertableSinkConfig.WritePath.FLIGHT) {
            flight = LakehouseFlightClient.create(flightOptions(config, client));
        }
        batching = config.batching();
        reporter = errantRecordReporter();
    }

    /**
     * The Flight client's options: the configured endpoint (else the environment's), the REST client's credentials;
     * no retry of its own, since the batching engine retries whole batches.
     */
    private static FlightClientOptions flightOptions(AltertableSinkConfig config, LakehouseClient rest) {
        FlightClientOptions.Builder options = FlightClientOptions.builder()
                .credentials(rest.options().credentials())
                .retryPolicy(RetryPolicy.none());
        config.flightEndpoint().ifPresent(options::endpoint);
        return options.build();
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // a worker older than Kafka 2.6: errant records fail the task
            return null;
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            progress.put(tp, new PartitionProgress());
        }
        if (paused) {
            context.pause(partitions.toArray(new TopicPartition[0]));
        }
    }

    /** A record that could not be encoded, and its place in its partition's progress. */
    private record Unencodable(SinkRecord record, PartitionProgress.Pending pending, Throwable error) {
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new ConnectException("a batch could not be written to Altertable: " + failed.getMessage(), failed);
        }
        Unencodable u;
        while ((u = unencodable.poll()) != null) {
            reportErrant(u.record(), u.error());
            u.pending().done();
        }
        for (SinkRecord record : records) {
            enqueue(record);
        }
        applyBackpressure();
    }

    private void enqueue(SinkRecord record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        PartitionProgress partition = progress.computeIfAbsent(tp, p -> new PartitionProgress());
        PartitionProgress.Pending pending = partition.received(record.kafkaOffset());
        if (record.value() == null && config.nullValues() == AltertableSinkConfig.NullValues.IGNORE) {
            pending.done();
            return;
        }
        Map<String, Object> row;
        try {
            row = RecordRows.toRow(record);
        } catch (DataException e) {
            reportErrant(record, e);
            pending.done();
            return;
        }
        TableWriter writer = writers.computeIfAbsent(config.table(record.topic()), t -> flight != null
                ? TableWriter.create(FlightBatchWrite.create(flight, t, config.primaryKey(), config.cursorField()),
                        batching, client.options().retryPolicy(), config.maxBufferedRecords() + batching.maxRows())
                : TableWriter.create(client, t, config.primaryKey(), config.cursorField(), batching,
                        client.options().retryPolicy(), config.maxBufferedRecords() + batching.maxRows()));
        unacknowledged.incrementAndGet();
        writer.write(row).subscribe(null, e -> {
            unacknowledged.decrementAndGet();
            onWriteFailed(record, pending, e);
        }, () -> {
            unacknowledged.decrementAndGet();
            pending.done();
        });
    }

    private void onWriteFailed(SinkRecord record, PartitionProgress.Pending pending, Throwable e) {
        if (e instanceof SerializationException) {
            // this record alone could not be encoded: it never joined a batch; the reporter is called on the
            // worker thread, at the next put
            unencodable.add(new Unencodable(record, pending, e));
            return;
        }
        failure.compareAndSet(null, e);
    }

    private void reportErrant(SinkRecord record, Throwable e) {
        if (reporter == null) {
            throw e instanceof DataException d ? d : new DataException("record " + RecordRows.where(record)
                    + " cannot be written: " + e.getMessage(), e);
        }
        // with errors.tolerance=none, this throws, failing the task
        reporter.report(record, e);
    }

    private void applyBackpressure() {
        int held = unacknowledged.get();
        if (!paused && held > config.maxBufferedRecords()) {
            paused = true;
            context.pause(context.assignment().toArray(new TopicPartition[0]));
            LOG.debug("paused {} partitions: {} records not yet acknowledged", context.assignment().size(), held);
        } else if (paused && held <= config.maxBufferedRecords() / 2) {
            paused = false;
            context.resume(context.assignment().toArray(new TopicPartition[0]));
            LOG.debug("resumed {} partitions: {} records not yet acknowledged", context.assignment().size(), held);
        }
    }

    /** Whether the task has paused its partitions for backpressure (for tests). */
    boolean isPaused() {
        return paused;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionProgress> e : progress.entrySet()) {
            e.getValue().committable().ifPresent(next -> acknowledged.put(e.getKey(), new OffsetAndMetadata(next)));
        }
        return acknowledged;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // their records still in flight are delivered again to whoever gets the partitions: at-least-once
        for (TopicPartition tp : partitions) {
            progress.remove(tp);
        }
    }

    @Override
    public void stop() {
        for (TableWriter w : writers.values()) {
            w.close();
        }
        writers.clear();
        if (client != null) {
            client.close();
        }
        if (flight != null) {
            flight.close();
            flight = null;
        }
    }

    /** Partitions with records received, for tests. */
    Set<TopicPartition> tracked() {
        return progress.keySet();
    }
}
