package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import ai.altertable.reactive.rest.LakehouseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AltertableMockExtension.class)
class IngestionPipelineTest {

    @Test
    void aFileIsAppendedInBatchesAndReadOnlyAFewBatchesAhead(AltertableMock mock, @TempDir Path dir) {
        Path file = IngestionPipeline.generate(dir.resolve("events.ndjson"), 20_000);
        // a linger longer than the run: every batch is cut by rows, so the count is exact whatever the machine's speed
        BatchingOptions batching = BatchingOptions.builder().maxRows(500).maxInFlight(2)
                .linger(Duration.ofMinutes(1)).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            client.query(IngestionPipeline.CREATE_TABLE).blockLast();
            IngestionProgress progress = IngestionPipeline.run(client, file, batching, Duration.ofMillis(50),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(progress.rows()).isEqualTo(20_000);
            assertThat(progress.batches()).isEqualTo(40);
            // the batches in flight, one being filled and at most two cut and waiting (Batcher), and the lines the
            // file reader has read ahead: a few batches, whatever the size of the file
            assertThat(progress.maxReadAhead()).as("rows read but not yet acknowledged, at most")
                    .isLessThanOrEqualTo((batching.maxInFlight() + 4L) * batching.maxRows());
            assertThat(client.query("SELECT count(*) AS n FROM events").map(r -> r.getLong("n")).blockLast())
                    .isEqualTo(20_000);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("20,000 rows in \\d+ batches")
                .containsPattern("done: 20,000 rows in \\d+ batches")
                .containsPattern("rows/s, \\d+\\.\\d MB/s");
    }

    @Test
    void theFileIsClosedWhenTheReaderIsCancelled(@TempDir Path dir) throws Exception {
        Path file = IngestionPipeline.generate(dir.resolve("events.ndjson"), 1_000);
        assertThat(IngestionPipeline.lines(file).take(3).collectList().block()).hasSize(3);
        java.nio.file.Files.delete(file); // on every OS, only possible once the reader let go
        assertThat(file).doesNotExist();
    }
}
