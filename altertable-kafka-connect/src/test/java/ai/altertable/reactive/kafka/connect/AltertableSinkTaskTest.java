package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import ai.altertable.reactive.core.row.Row;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The task against the embedded mock, with a recording task context: offsets follow acknowledgements, the task pauses
 * its partitions while the server does not acknowledge and resumes them after, bad records go to the errant record
 * reporter, and a refused batch fails the task.
 */
class AltertableSinkTaskTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    private AltertableMock mock;
    private LakehouseClient client;
    private AltertableSinkTask task;

    @BeforeEach
    void start() {
        mock = AltertableMock.builder().user("alice", "secret").withoutFlight().withoutPostgres().start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        client.query("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)").blockLast();
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        client.close();
        mock.close();
    }

    private RecordingTaskContext startTask(URI endpoint, boolean tolerate, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put(AltertableSinkConfig.ENDPOINT, endpoint.toString());
        props.put(AltertableSinkConfig.USERNAME, "alice");
        props.put(AltertableSinkConfig.PASSWORD, "secret");
        props.put(AltertableSinkConfig.CATALOG, "memory");
        props.put(AltertableSinkConfig.BATCH_MAX_ROWS, "50");
        props.put(AltertableSinkConfig.BATCH_LINGER_MS, "10");
        props.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "100");
        props.putAll(extra);
        RecordingTaskContext context = new RecordingTaskContext(Set.of(P0, P1), tolerate);
        task = new AltertableSinkTask();
        task.initialize(context);
        task.start(props);
        task.open(Set.of(P0, P1));
        return context;
    }

    private static List<SinkRecord> records(int from, int to) {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int part = i % 2;
            out.add(new SinkRecord("events", part, null, null, null, Map.of("id", (long) i, "part", part), i / 2));
        }
        return out;
    }

    private long count() {
        return client.query("SELECT count(*) FROM memory.main.events").map(r -> r.get(0, Long.class)).blockLast();
    }

    private Map<TopicPartition, OffsetAndMetadata> commit() {
        return task.preCommit(Map.of());
    }

    @Test
    void pausesWhileWritesAreNotAcknowledgedAndCommitsOnlyAcknowledgedOffsets() {
        try (GatedProxy proxy = new GatedProxy(mock.baseUrl())) {
            RecordingTaskContext context = startTask(proxy.uri(), false, Map.of());

            task.put(records(0, 80));
            assertThat(context.paused).isEmpty();
            task.put(records(80, 150));
            // 150 records received, none acknowledged: above max.buffered.records (100)
            assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);
            // a worker whose partitions are all paused would wait in its poll until the next offset commit
            assertThat(context.timeouts).containsExactly(AltertableSinkTask.PAUSED_POLL_MS);
            await().atMost(Duration.ofMinutes(1)).until(() -> proxy.held() > 0);
            assertThat(commit()).isEmpty();
            task.put(List.of());
            assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);

            proxy.open();
            await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(
                    P0, new OffsetAndMetadata(75), P1, new OffsetAndMetadata(75))));
            assertThat(count()).isEqualTo(150);
            task.put(List.of());
            assertThat(context.paused).isEmpty();
            assertThat(context.pauseEvents).containsExactly("pause 2", "resume 2");
        }
    }

    @Test
    void recordsWithoutColumnsGoToTheErrantRecordReporterAndTheRestFlows() {
        RecordingTaskContext context = startTask(mock.baseUrl(), true, Map.of());
        // partition 0: offsets 0-4 rows, 5 the poison, 6-10 rows; partition 1: offsets 0-9 rows
        List<SinkRecord> batch = new ArrayList<>(records(0, 20));
        SinkRecord poison = new SinkRecord("events", 0, null, null, Schema.STRING_SCHEMA, "not a row", 5);
        batch.replaceAll(r -> r.kafkaPartition() == 0 && r.kafkaOffset() >= 5
                ? new SinkRecord("events", 0, null, null, null, r.value(), r.kafkaOffset() + 1) : r);
        batch.add(10, poison);
        task.put(batch);

        assertThat(context.errant).containsExactly(poison);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(
                P0, new OffsetAndMetadata(11), P1, new OffsetAndMetadata(10))));
        assertThat(count()).isEqualTo(20);
    }

    @Test
    void withoutToleranceABadRecordFailsThePut() {
        startTask(mock.baseUrl(), false, Map.of());
        SinkRecord poison = new SinkRecord("events", 0, null, null, null, null, 0);
        assertThatThrownBy(() -> task.put(List.of(poison))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Tolerance exceeded");
    }

    @Test
    void aRefusedBatchFailsTheTaskAndItsOffsetsAreNeverCommitted() {
        startTask(mock.baseUrl(), true, Map.of(AltertableSinkConfig.TABLE, "missing_${topic}"));
        task.put(records(0, 10));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThatThrownBy(() -> task.put(List.of()))
                .isInstanceOf(ConnectException.class).hasMessageContaining("could not be written"));
        assertThat(commit()).isEmpty();
    }

    @Test
    void structsWithLogicalTypesLandInTypedColumns() {
        client.query("CREATE TABLE memory.main.typed (id BIGINT, amount DECIMAL(10,3), day DATE, clock TIME, "
                + "ts TIMESTAMP, tags VARCHAR[])").blockLast();
        startTask(mock.baseUrl(), false, Map.of(AltertableSinkConfig.TABLE, "typed"));
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("amount", Decimal.schema(3))
                .field("day", Date.SCHEMA).field("clock", Time.SCHEMA).field("ts", Timestamp.SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        Struct value = new Struct(schema).put("id", 1L).put("amount", new BigDecimal("-1234.505"))
                .put("day", java.util.Date.from(Instant.parse("2026-12-06T00:00:00Z")))
                .put("clock", new java.util.Date((23 * 3600 + 59 * 60 + 58) * 1000L + 7))
                .put("ts", java.util.Date.from(Instant.parse("2026-12-06T10:15:30.123Z")))
                .put("tags", List.of("a", "b"));
        task.put(List.of(new SinkRecord("events", 0, null, null, schema, value, 0)));

        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(P0, new OffsetAndMetadata(1))));
        Row row = client.query("SELECT amount, day, clock, ts, tags[2] FROM memory.main.typed").blockLast();
        assertThat(row.get(0, BigDecimal.class)).isEqualByComparingTo("-1234.505");
        assertThat(row.get(1, LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(row.get(2, LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 7_000_000));
        assertThat(row.get(3, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 12, 6, 10, 15, 30, 123_000_000));
        assertThat(row.getString(4)).isEqualTo("b");
    }

    @Test
    void upsertModeConvergesToOneRowPerKeyWhenRecordsAreDeliveredAgain() {
        client.query("CREATE TABLE memory.main.users (id BIGINT PRIMARY KEY, name VARCHAR)").blockLast();
        startTask(mock.baseUrl(), false, Map.of(AltertableSinkConfig.TABLE, "users",
                AltertableSinkConfig.UPSERT_PRIMARY_KEY, "id"));
        List<SinkRecord> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(new SinkRecord("events", 0, null, null, null, Map.of("id", (long) i, "name", "v1-" + i), i));
        }
        task.put(first);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(P0, new OffsetAndMetadata(30))));

        // a restart delivers the same records again, then newer versions of some keys
        List<SinkRecord> again = new ArrayList<>(first);
        for (int i = 0; i < 10; i++) {
            again.add(new SinkRecord("events", 0, null, null, null, Map.of("id", (long) i, "name", "v2-" + i),
                    30 + i));
        }
        task.put(again);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(P0, new OffsetAndMetadata(40))));

        assertThat(client.query("SELECT count(*), count(DISTINCT id) FROM memory.main.users")
                .map(r -> List.of(r.get(0, Long.class), r.get(1, Long.class))).blockLast())
                .containsExactly(30L, 30L);
        assertThat(client.query("SELECT count(*) FROM memory.main.users WHERE name LIKE 'v2-%'")
                .map(r -> r.get(0, Long.class)).blockLast()).isEqualTo(10L);
    }

    @Test
    void aRowJsonCannotEncodeIsReportedOnTheWorkerThreadAndTheRestFlows() {
        RecordingTaskContext context = startTask(mock.baseUrl(), true, Map.of());
        Thread worker = Thread.currentThread();
        SinkRecord unencodable = new SinkRecord("events", 0, null, null, null,
                Map.of("id", 1L, "part", new Object()), 0);
        task.put(List.of(unencodable, new SinkRecord("events", 0, null, null, null, Map.of("id", 2L, "part", 0), 1)));
        task.put(List.of());

        assertThat(context.errant).containsExactly(unencodable);
        assertThat(context.errantThreads).containsOnly(worker);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(P0, new OffsetAndMetadata(2))));
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void withToleranceAllARefusedRecordIsFoundInItsBatchReportedAndTheRestOfTheBatchLands() {
        RecordingTaskContext context = startTask(mock.baseUrl(), true, Map.of("errors.tolerance", "all",
                AltertableSinkConfig.BATCH_LINGER_MS, "3600000"));
        Thread worker = Thread.currentThread();
        // 50 records, one batch (batch.max.rows 50): partition 0 offset 10 has a part the INTEGER column refuses
        List<SinkRecord> batch = new ArrayList<>(records(0, 50));
        SinkRecord poison = new SinkRecord("events", 0, null, null, null, Map.of("id", 20L, "part", "zero"), 10);
        batch.set(20, poison);
        task.put(batch);

        // put runs on this thread, as Connect's worker thread would
        await().pollInSameThread().atMost(Duration.ofMinutes(1)).until(() -> {
            task.put(List.of());
            return !context.errant.isEmpty();
        });
        assertThat(context.errant).containsExactly(poison);
        assertThat(context.errantThreads).containsOnly(worker);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(
                P0, new OffsetAndMetadata(25), P1, new OffsetAndMetadata(25))));
        assertThat(count()).isEqualTo(49);
        assertThat(client.query("SELECT count(*) FROM memory.main.events WHERE id = 20")
                .map(r -> r.get(0, Long.class)).blockLast()).isZero();
        // the refused batch, then halves down to the poison: 1 + 2 per level, 6 levels for 50 rows
        assertThat(mock.requestCount("/append")).isLessThanOrEqualTo(13);
    }

    @Test
    void withToleranceAllARefusedUpsertRecordIsFoundInItsBatchAndTheRestConverges() {
        client.query("CREATE TABLE memory.main.users (id BIGINT PRIMARY KEY, n INTEGER)").blockLast();
        RecordingTaskContext context = startTask(mock.baseUrl(), true, Map.of("errors.tolerance", "all",
                AltertableSinkConfig.TABLE, "users", AltertableSinkConfig.UPSERT_PRIMARY_KEY, "id",
                AltertableSinkConfig.BATCH_LINGER_MS, "3600000", AltertableSinkConfig.BATCH_MAX_ROWS, "8"));
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Object n = i == 5 ? "five" : (Object) i;
            batch.add(new SinkRecord("events", 0, null, null, null, Map.of("id", (long) i, "n", n), i));
        }
        task.put(batch);

        await().pollInSameThread().atMost(Duration.ofMinutes(1)).until(() -> {
            task.put(List.of());
            return commit().equals(Map.of(P0, new OffsetAndMetadata(8)));
        });
        assertThat(context.errant).containsExactly(batch.get(5));
        assertThat(client.query("SELECT count(*), sum(n) FROM memory.main.users")
                .map(r -> r.get(0, Long.class) + "/" + r.get(1, Long.class)).blockLast())
                .isEqualTo("7/" + (0 + 1 + 2 + 3 + 4 + 6 + 7));
    }

    @Test
    void closeWaitsForTheWritesInFlightSoThatTheNextOwnerNeverRacesThem() throws Exception {
        try (GatedProxy proxy = new GatedProxy(mock.baseUrl())) {
            startTask(proxy.uri(), false, Map.of());
            task.put(records(0, 40));
            await().atMost(Duration.ofMinutes(1)).until(() -> proxy.held() > 0);

            // the worker thread revokes the partitions while their batch is held at the proxy
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> task.close(Set.of(P0, P1)));
            assertThat(closed).isNotDone();
            proxy.open();
            closed.get(1, TimeUnit.MINUTES);
            // close returned only once the server had written every row it was sent
            assertThat(count()).isEqualTo(40);
        }
    }

    @Test
    void aTransientFailureIsRetriedPerBatchAndNothingIsLost() {
        startTask(mock.baseUrl(), false, Map.of());
        mock.faults().failNext(2, "/append", 503);
        task.put(records(0, 40));

        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(
                P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(20))));
        task.put(List.of());
        assertThat(count()).isEqualTo(40);
        assertThat(mock.requestCount("/append")).isGreaterThanOrEqualTo(3);
    }
}
