package ai.altertable.reactive.kafka.connect;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The task with {@code altertable.write.path=flight} against the embedded mock's Flight SQL endpoint: offsets follow
 * the ingests' acknowledgements (a proxy holds the gRPC connection), typed records land exactly, and a refused batch
 * fails the task with nothing committed. The task's {@code stop} closes its Flight client, which fails on any Arrow
 * memory still held.
 */
class AltertableSinkTaskFlightTest extends SinkTaskTestSupport {

    @Override
    boolean flight() {
        return true;
    }

    private RecordingTaskContext startTask(URI flightEndpoint, Map<String, String> extra) {
        return startTask(flightEndpoint, false, extra);
    }

    @Override
    URI writeEndpoint() {
        return mock.flightUri();
    }

    @Override
    RecordingTaskContext startTask(URI flightEndpoint, boolean tolerate, Map<String, String> extra) {
        return startTask(Map.of(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString(),
                AltertableSinkConfig.WRITE_PATH, "flight",
                AltertableSinkConfig.FLIGHT_ENDPOINT, flightEndpoint.toString()), tolerate, extra);
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
    void aBatchForAMissingTableFailsTheTaskAndItsOffsetsAreNeverCommitted() {
        startTask(mock.flightUri(), Map.of(AltertableSinkConfig.TABLE, "missing_${topic}"));
        task.put(records(0, 10));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThatThrownBy(() -> task.put(List.of()))
                .isInstanceOf(ConnectException.class).hasMessageContaining("could not be written")
                .hasMessageContaining("does not exist"));
        assertThat(commit()).isEmpty();
    }
}
