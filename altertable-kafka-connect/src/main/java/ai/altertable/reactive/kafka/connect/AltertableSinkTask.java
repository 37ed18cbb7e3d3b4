package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.kafka.connect.internal.BatchWrite;
import ai.altertable.reactive.kafka.connect.internal.FlightBatchWrite;
import ai.altertable.reactive.kafka.connect.internal.PartitionProgress;
import ai.altertable.reactive.kafka.connect.internal.RecordRows;
import ai.altertable.reactive.kafka.connect.internal.RestBatchWrites;
import ai.altertable.reactive.kafka.connect.internal.TableWriter;
import ai.altertable.reactive.rest.RawJson;
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

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;
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
 * {@code none} fails the task. A batch the server refuses for its data ({@code invalid-data},
 * {@code incompatible-schema}, a value that does not cast): with {@code errors.tolerance=all}, it is written again in
 * halves until the refused records are alone ({@code TableWriter}); those go to the reporter and the rest of the batch
 * is written, in order, before the table's next batch. Otherwise, and for a batch that fails for good for another
 * reason (retries exhausted), the task fails at the next {@code put} with the batch's error; its records' offsets are
 * never committed. A refusal that is not about one record (on the mock, a missing table answers {@code invalid-data})
 * makes every record errant under {@code errors.tolerance=all}: create the table first.
 */
public final class AltertableSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(AltertableSinkTask.class);
    /** How long {@link #close} waits for the writes in flight. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * While its partitions are paused, how long the worker's poll waits before calling {@code put} again (to resume):
     * without it, a worker with every partition paused waits in its poll until the next offset commit
     * ({@code offset.flush.interval.ms}, a minute by default).
     */
    static final long PAUSED_POLL_MS = 50;

    private AltertableSinkConfig config;
    private LakehouseClient client;
    /** With {@code altertable.write.path=flight}; else null. */
    private LakehouseFlightClient flight;
    private BatchingOptions batching;
    private ErrantRecordReporter reporter;
    /** Whether a refused batch is split to find its refused records (errant records are tolerated). */
    private boolean isolateRefused;
    /** Touched by the worker thread only. */
    private final Map<TableRef, TableSink> writers = new HashMap<>();
    /** Touched by the worker thread only. */
    private final Map<String, TableSink> sinksByTopic = new HashMap<>();
    /** The last partition looked up, touched by the worker thread only. */
    private String lastTopic;
    private int lastPartition = -1;
    private PartitionProgress lastProgress;
    /** Notified when no record is left in the writers, or a batch failed: {@link #drain} waits on it. */
    private final Object idle = new Object();
    /** Added and removed by the worker thread; read where acknowledgements arrive. */
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Records the server refused alone, found where the batch was settled, reported on the worker thread. */
    private final Queue<Refused> refused = new ConcurrentLinkedQueue<>();
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
        // Connect passes the connector's configuration, errors.tolerance included, to its tasks
        isolateRefused = reporter != null && "all".equalsIgnoreCase(props.get("errors.tolerance"));
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

    /** A record the server refused, and its place in its partition's progress. */
    private record Refused(SinkRecord record, PartitionProgress.Pending pending, Throwable error) {
    }

    /** Where the rows of one table go: encodes a row on the worker thread, then queues it for its table's batches. */
    private interface TableSink extends AutoCloseable {
        /**
         * Queues the row of {@code record}; {@code pending} is done once it is written.
         *
         * @throws DataException if the row cannot be encoded or is too large (thrown here, on the worker thread)
         */
        void write(Map<String, Object> row, SinkRecord record, PartitionProgress.Pending pending);

        @Override
        void close();
    }

    /** One record's row in its table's writer: what becomes of it settles the record. */
    private final class Entry<R> implements TableWriter.Row<R> {
        private final R row;
        private final SinkRecord record;
        private final PartitionProgress.Pending pending;

        Entry(R row, SinkRecord record, PartitionProgress.Pending pending) {
            this.row = row;
            this.record = record;
            this.pending = pending;
        }

        @Override
        public R row() {
            return row;
        }

        @Override
        public void written() {
            pending.done();
            settled();
        }

        @Override
        public void refused(Throwable refusal) {
            // the server refused this record alone (its batch was split to find it): the reporter is called on the
            // worker thread, at the next put
            refused.add(new Refused(record, pending, refusal));
            settled();
        }
    }

    /** A record left the writers (written or refused); wakes {@link #drain} when none is left. */
    private void settled() {
        if (unacknowledged.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** A batch failed for good (or a writer did): the task fails at the next put. */
    private void failed(Throwable e) {
        failure.compareAndSet(null, e);
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new ConnectException("a batch could not be written to Altertable: " + failed.getMessage(), failed);
        }
        Refused r;
        while ((r = refused.poll()) != null) {
            reportErrant(r.record(), r.error());
            r.pending().done();
        }
        for (SinkRecord record : records) {
            enqueue(record);
        }
        applyBackpressure();
    }

    private void enqueue(SinkRecord record) {
        PartitionProgress.Pending pending = progressOf(record).received(record.kafkaOffset());
        if (record.value() == null && config.nullValues() == AltertableSinkConfig.NullValues.IGNORE) {
            pending.done();
            return;
        }
        try {
            sinkOf(record.topic()).write(RecordRows.toRow(record), record, pending);
        } catch (DataException e) {
            reportErrant(record, e);
            pending.done();
        }
    }

    /** The progress of the record's partition; consecutive records of one partition share the lookup. */
    private PartitionProgress progressOf(SinkRecord record) {
        if (lastProgress != null && record.kafkaPartition() == lastPartition && record.topic().equals(lastTopic)) {
            return lastProgress;
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        lastTopic = record.topic();
        lastPartition = record.kafkaPartition();
        lastProgress = progress.computeIfAbsent(tp, p -> new PartitionProgress());
        return lastProgress;
    }

    /** The sink of a topic's table, made at its first record (topics naming the same table share it). */
    private TableSink sinkOf(String topic) {
        TableSink sink = sinksByTopic.get(topic);
        if (sink == null) {
            sink = writers.computeIfAbsent(config.table(topic), this::sink);
            sinksByTopic.put(topic, sink);
        }
        return sink;
    }

    private TableSink sink(TableRef table) {
        if (flight != null) {
            TableWriter<Map<String, Object>> writer = TableWriter.create(
                    FlightBatchWrite.create(flight, table, config.primaryKey(), config.cursorField()),
                    FlightBatchWrite::estimatedSize, batching, client.options().retryPolicy(),
                    Operation.FLIGHT_INGEST, isolateRefused, this::failed);
            return sink(writer, row -> row);
        }
        BatchWrite<RawJson> batches = config.primaryKey().isEmpty()
                ? RestBatchWrites.append(client, table, batching)
                : RestBatchWrites.upsert(client, table, config.primaryKey(), config.cursorField());
        TableWriter<RawJson> writer = TableWriter.create(batches, RestBatchWrites::sizeOf, batching,
                client.options().retryPolicy(), config.primaryKey().isEmpty() ? Operation.APPEND : Operation.UPSERT,
                isolateRefused, this::failed);
        return sink(writer, RestBatchWrites::json);
    }

    private <R> TableSink sink(TableWriter<R> writer, Function<Map<String, Object>, R> encode) {
        return new TableSink() {
            @Override
            public void write(Map<String, Object> row, SinkRecord record, PartitionProgress.Pending pending) {
                R encoded = encode.apply(row);
                unacknowledged.incrementAndGet();
                try {
                    writer.write(new Entry<>(encoded, record, pending));
                } catch (RuntimeException e) {
                    settled();
                    throw e;
                }
            }

            @Override
            public void close() {
                writer.close();
            }
        };
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
        if (paused) {
            context.timeout(PAUSED_POLL_MS);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionProgress> e : progress.entrySet()) {
            e.getValue().committable().ifPresent(next -> acknowledged.put(e.getKey(), new OffsetAndMetadata(next)));
        }
        return acknowledged;
    }

    /**
     * Called on the worker thread when partitions are revoked (a rebalance, or the task stopping), after Connect took
     * their last offsets from {@link #preCommit}: waits, at most {@link #DRAIN_TIMEOUT}, until every write in flight is
     * settled, so that the partitions' next owner never writes the same records while this task's requests still run
     * (on the mock, two upserts of one key at once fail one of them with a transaction conflict). The records those
     * writes carry are not committed here: the next owner gets them again (at-least-once; upserted again, they
     * converge).
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        drain();
        for (TopicPartition tp : partitions) {
            progress.remove(tp);
        }
        lastProgress = null;
    }

    /** Waits for the writes in flight on the worker thread (never a Reactor thread), at most {@link #DRAIN_TIMEOUT}. */
    private void drain() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        synchronized (idle) {
            while (unacknowledged.get() > 0 && failure.get() == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} writes still in flight after {}: the partitions' next owner may write the same "
                            + "records meanwhile", unacknowledged.get(), DRAIN_TIMEOUT);
                    return;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        for (TableSink w : writers.values()) {
            w.close();
        }
        writers.clear();
        sinksByTopic.clear();
        if (client != null) {
            client.close();
        }
        if (flight != null) {
            flight.close();
            flight = null;
        }
    }
}
