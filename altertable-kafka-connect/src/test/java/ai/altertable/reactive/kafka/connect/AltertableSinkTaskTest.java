package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
}
