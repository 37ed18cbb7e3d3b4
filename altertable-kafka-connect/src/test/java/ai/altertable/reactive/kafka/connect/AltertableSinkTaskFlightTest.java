package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.core.row.Row;
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
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The task with {@code altertable.write.path=flight} against the embedded mock's Flight SQL endpoint: offsets follow
 * the ingests' acknowledgements (a proxy holds the gRPC connection), typed records land exactly, and a refused batch
 * fails the task with nothing committed. The task's {@code stop} closes its Flight client, which fails on any Arrow
 * memory still held.
 */
class AltertableSinkTaskFlightTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    private AltertableMock mock;
    private LakehouseClient client;
    private AltertableSinkTask task;

    @BeforeEach
    void start() {
        mock = AltertableMock.builder().user("alice", "secret").withoutPostgres().start();
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

    private RecordingTaskContext startTask(URI flightEndpoint, Map<String, String> extra) {
        return startTask(flightEndpoint, false, extra);
    }

    private RecordingTaskContext startTask(URI flightEndpoint, boolean tolerate, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString());
        props.put(AltertableSinkConfig.WRITE_PATH, "flight");
        props.put(AltertableSinkConfig.FLIGHT_ENDPOINT, flightEndpoint.toString());
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
    void withToleranceAllARefusedRecordIsFoundInItsIngestAndTheRestLands() {
        RecordingTaskContext context = startTask(mock.flightUri(), true, Map.of("errors.tolerance", "all",
                AltertableSinkConfig.BATCH_LINGER_MS, "3600000"));
        List<SinkRecord> batch = new ArrayList<>(records(0, 50));
        SinkRecord poison = new SinkRecord("events", 0, null, null, null, Map.of("id", 20L, "part", "zero"), 10);
        batch.set(20, poison);
        task.put(batch);

        await().pollInSameThread().atMost(Duration.ofMinutes(1)).until(() -> {
            task.put(List.of());
            return commit().equals(Map.of(P0, new OffsetAndMetadata(25), P1, new OffsetAndMetadata(25)));
        });
        assertThat(context.errant).containsExactly(poison);
        assertThat(count()).isEqualTo(49);
    }

    @Test
    void pausesWhileIngestsAreNotAcknowledgedAndCommitsOnlyAcknowledgedOffsets() {
        try (GatedTcpProxy proxy = new GatedTcpProxy(mock.flightUri())) {
            RecordingTaskContext context = startTask(proxy.uri(), Map.of());

            task.put(records(0, 80));
            assertThat(context.paused).isEmpty();
            task.put(records(80, 150));
            assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);
            await().atMost(Duration.ofMinutes(1)).until(() -> proxy.received() > 0);
            assertThat(commit()).isEmpty();
            task.put(List.of());
            assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);
            assertThat(count()).isZero();

            proxy.open();
            await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(
                    P0, new OffsetAndMetadata(75), P1, new OffsetAndMetadata(75))));
            assertThat(count()).isEqualTo(150);
            assertThat(client.query("SELECT count(DISTINCT id) FROM memory.main.events")
                    .map(r -> r.get(0, Long.class)).blockLast()).isEqualTo(150);
            task.put(List.of());
            assertThat(context.paused).isEmpty();
            assertThat(context.pauseEvents).containsExactly("pause 2", "resume 2");
        }
    }

    @Test
    void structsWithLogicalTypesLandInTypedColumns() {
        client.query("CREATE TABLE memory.main.typed (id BIGINT, amount DECIMAL(10,3), day DATE, clock TIME, "
                + "ts TIMESTAMP, tags VARCHAR[])").blockLast();
        startTask(mock.flightUri(), Map.of(AltertableSinkConfig.TABLE, "typed"));
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
        startTask(mock.flightUri(), Map.of(AltertableSinkConfig.TABLE, "users",
                AltertableSinkConfig.UPSERT_PRIMARY_KEY, "id"));
        List<SinkRecord> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(new SinkRecord("events", 0, null, null, null, Map.of("id", (long) i, "name", "v1-" + i), i));
        }
        task.put(first);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(P0, new OffsetAndMetadata(30))));
        List<SinkRecord> again = new ArrayList<>(first);
        for (int i = 0; i < 10; i++) {
            again.add(new SinkRecord("events", 0, null, null, null, Map.of("id", (long) i, "name", "v2-" + i),
                    30 + i));
        }
        task.put(again);
        await().atMost(Duration.ofMinutes(1)).until(() -> commit().equals(Map.of(P0, new OffsetAndMetadata(40))));

        assertThat(client.query("SELECT count(*), count(DISTINCT id), count(*) FILTER (name LIKE 'v2-%') "
                        + "FROM memory.main.users")
                .map(r -> List.of(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class))).blockLast())
                .containsExactly(30L, 30L, 10L);
    }

    @Test
    void aBatchForAMissingTableFailsTheTaskAndItsOffsetsAreNeverCommitted() {
        startTask(mock.flightUri(), Map.of(AltertableSinkConfig.TABLE, "missing_${topic}"));
        task.put(records(0, 10));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThatThrownBy(() -> task.put(List.of()))
                .isInstanceOf(ConnectException.class).hasMessageContaining("could not be written")
                .hasMessageContaining("does not exist"));
        assertThat(commit()).isEmpty();
    }
}
