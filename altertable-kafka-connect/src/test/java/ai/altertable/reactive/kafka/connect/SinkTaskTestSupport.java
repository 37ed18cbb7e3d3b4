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
import static org.awaitility.Awaitility.await;

/**
 * What the task's unit tests share, for either write path: per test, an embedded mock (user alice, without its
 * Postgres endpoint; with its Flight SQL endpoint when {@link #flight}) with the table {@code memory.main.events (id
 * BIGINT, part INTEGER)}, a client of it, and at most one task on partitions {@code events-0} and {@code events-1}
 * with a {@link RecordingTaskContext}. After each test the task is stopped (for Flight, that closes its client, which
 * fails on any Arrow memory still held), then the client and the mock are closed. The tests here are the ones both
 * write paths pass alike: each subclass runs them on its own path.
 */
abstract class SinkTaskTestSupport {

    static final TopicPartition P0 = new TopicPartition("events", 0);
    static final TopicPartition P1 = new TopicPartition("events", 1);

    AltertableMock mock;
    LakehouseClient client;
    AltertableSinkTask task;

    /** Whether the mock serves Flight SQL besides REST. */
    abstract boolean flight();

    /** The mock's endpoint for this write path: REST's base URL, or the Flight SQL endpoint. */
    abstract URI writeEndpoint();

    /**
     * Starts the task on this write path with {@code endpoint} (the mock's {@link #writeEndpoint}, or a proxy of it)
     * and the properties of {@link #startTask(Map, boolean, Map)}.
     */
    abstract RecordingTaskContext startTask(URI endpoint, boolean tolerate, Map<String, String> extra);

    @BeforeEach
    void startMock() {
        AltertableMock.Builder builder = AltertableMock.builder().user("alice", "secret").withoutPostgres();
        mock = (flight() ? builder : builder.withoutFlight()).start();
        client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        client.query("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)").blockLast();
    }

    @AfterEach
    void stopAll() {
        try {
            if (task != null) {
                task.stop();
            }
        } finally {
            client.close();
            mock.close();
        }
    }

    /**
     * Starts the task, opened on both partitions, with alice's credentials, catalog {@code memory}, batches of at most
     * 50 rows lingering 10 ms, at most 100 records buffered, then {@code pathProps} (the endpoints) and {@code extra}
     * on top; {@code tolerate} is whether the context's errant record reporter accepts records.
     */
    RecordingTaskContext startTask(Map<String, String> pathProps, boolean tolerate, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>();
        all.put(AltertableSinkConfig.USERNAME, "alice");
        all.put(AltertableSinkConfig.PASSWORD, "secret");
        all.put(AltertableSinkConfig.CATALOG, "memory");
        all.put(AltertableSinkConfig.BATCH_MAX_ROWS, "50");
        all.put(AltertableSinkConfig.BATCH_LINGER_MS, "10");
        all.put(AltertableSinkConfig.MAX_BUFFERED_RECORDS, "100");
        all.putAll(pathProps);
        all.putAll(extra);
        RecordingTaskContext context = new RecordingTaskContext(Set.of(P0, P1), tolerate);
        task = new AltertableSinkTask();
        task.initialize(context);
        task.start(all);
        task.open(Set.of(P0, P1));
        return context;
    }

    @Test
    void structsWithLogicalTypesLandInTypedColumns() {
        client.query("CREATE TABLE memory.main.typed (id BIGINT, amount DECIMAL(10,3), day DATE, clock TIME, "
                + "ts TIMESTAMP, tags VARCHAR[])").blockLast();
        startTask(writeEndpoint(), false, Map.of(AltertableSinkConfig.TABLE, "typed"));
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
        startTask(writeEndpoint(), false, Map.of(AltertableSinkConfig.TABLE, "users",
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

        assertThat(client.query("SELECT count(*), count(DISTINCT id), count(*) FILTER (name LIKE 'v2-%') "
                        + "FROM memory.main.users")
                .map(r -> List.of(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class))).blockLast())
                .containsExactly(30L, 30L, 10L);
    }

    /** Records {@code from} to {@code to} (excluded): record i is {@code {id: i, part: i % 2}} at offset i / 2. */
    static List<SinkRecord> records(int from, int to) {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int part = i % 2;
            out.add(new SinkRecord("events", part, null, null, null, Map.of("id", (long) i, "part", part), i / 2));
        }
        return out;
    }

    /** The rows in {@code memory.main.events}. */
    long count() {
        return client.query("SELECT count(*) FROM memory.main.events").map(r -> r.get(0, Long.class)).blockLast();
    }

    /** The offsets the task would have Connect commit now. */
    Map<TopicPartition, OffsetAndMetadata> commit() {
        return task.preCommit(Map.of());
    }
}
