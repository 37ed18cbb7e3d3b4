package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.ArrowBatch;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.flight.SessionOptions;
import ai.altertable.reactive.flight.TableDefinition;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The code of the README's Flight section, compiled and run against the mock (keep the two in step). */
class ReadmeExamplesTest extends MockTestSupport {

    record Event(long id, String userId, Instant timestamp) {
    }

    record DailyUsers(LocalDate day, long users) {
    }

    @Test
    void theReadmeRuns() {
        LakehouseFlightClient flight = LakehouseFlightClient.create(FlightClientOptions.builder()
                .endpoint(mock.flightUri())                               // grpc+tls://flight.altertable.ai:443 by default
                .credentials(mock.credentials(USER))                      // or the ALTERTABLE_* environment
                .sessionOptions(SessionOptions.builder().catalog("memory").schema("main").computeSize("M").build())
                .allocator(allocator)                                     // (the test's own, to catch leaks)
                .build());
        try (flight) {
            // ingest: rows cut into batches by count, size and linger, one DoPut each, as REST's appendAll
            Flux<Event> events = Flux.range(0, 10_000).map(i -> new Event(i, "user-" + (i % 97),
                    Instant.parse("2024-03-01T00:00:00Z").plusSeconds(i * 60L)));
            IngestOptions options = IngestOptions.builder("events").definition(TableDefinition.REPLACE).build();
            Flux<BatchResult<Long>> results = flight.ingestRows(options, events, ArrowRowEncoder.forRecord(Event.class));
            BatchSummary summary = Batcher.summarize(results).block();
            assertThat(summary.rows()).isEqualTo(10_000);

            // rows: the same natural Java values as the REST client's rows
            Flux<Row> rows = flight.query("SELECT userId, count(*) AS n FROM events GROUP BY 1 ORDER BY 1");
            Flux<DailyUsers> daily = flight.query("""
                    SELECT CAST(timestamp AS DATE) AS day, count(DISTINCT userId) AS users
                    FROM events GROUP BY 1 ORDER BY 1""", DailyUsers.class);
            assertThat(rows.count().block()).isEqualTo(97);
            assertThat(daily.blockFirst()).isEqualTo(new DailyUsers(LocalDate.of(2024, 3, 1), 97));

            // owned batches: close each one
            Mono<Long> total = flight.queryBatches("SELECT id FROM events")
                    .map(batch -> {
                        try (batch) {
                            BigIntVector id = (BigIntVector) batch.root().getVector("id");
                            long sum = 0;
                            for (int i = 0; i < batch.rowCount(); i++) {
                                sum += id.get(i);
                            }
                            return sum;
                        }
                    })
                    .reduce(0L, Long::sum);
            assertThat(total.block()).isEqualTo(10_000L * 9_999 / 2);

            // callback-scoped batches: zero copy, valid only inside the function
            Flux<Integer> sizes = flight.queryBatches("SELECT id FROM events", root -> root.getRowCount());
            assertThat(sizes.reduce(0, Integer::sum).block()).isEqualTo(10_000);

            // prepared statement, closed when the inner publisher ends
            Flux<Row> user = flight.prepared("SELECT count(*) AS n FROM events WHERE userId = ?",
                    statement -> statement.query("user-1"));
            assertThat(user.blockFirst().getLong("n")).isEqualTo(104);

            // transaction: commit on completion, rollback on error or cancel
            Mono<Long> deleted = flight.inTransaction(tx -> tx.update("DELETE FROM events WHERE id < 10")).single();
            assertThat(deleted.block()).isEqualTo(10);

            // cancel: take(1) cancels the stream, frees its buffers, and asks the server to cancel
            ArrowBatch first = flight.queryBatches("SELECT * FROM events").take(1).blockFirst();
            first.close();
        }
    }
}
