package ai.altertable.reactive.kafka.connect;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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
class AltertableSinkTaskTest extends SinkTaskTestSupport {

    @Override
    boolean flight() {
        return false;
    }

    @Override
    URI writeEndpoint() {
        return mock.baseUrl();
    }

    @Override
    RecordingTaskContext startTask(URI endpoint, boolean tolerate, Map<String, String> extra) {
        return startTask(Map.of(AltertableSinkConfig.ENDPOINT, endpoint.toString()), tolerate, extra);
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
