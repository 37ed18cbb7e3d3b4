package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.TableDefinition;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bulk ingest into DuckDB through the mock, and what REST and Flight see of each other's writes. */
class MockIngestTest extends MockTestSupport {

    /** A row of the ingest tests. */
    record Event(long id, String name, LocalDate day) {
    }

    private static Flux<Event> events(int from, int count) {
        return Flux.range(from, count).map(i -> new Event(i, "event-" + i, LocalDate.of(2024, 1, 1).plusDays(i % 28)));
    }

    private IngestOptions.Builder into() {
        return IngestOptions.builder(table).catalog("memory").schema("main");
    }

    private long count() {
        return client.query("SELECT count(*) AS n FROM " + table).map(r -> r.getLong("n")).blockFirst(TIMEOUT);
    }

    @Test
    void rowsIngestedOverFlightAreVisibleOverRest() {
        StepVerifier.create(client.ingestRows(into().definition(TableDefinition.CREATE).build(),
                events(0, 1000), ArrowRowEncoder.forRecord(Event.class)).map(BatchResult::ack))
                .expectNext(1000L)
                .verifyComplete();

        List<Row> rest = RestQueries.query(mock.baseUrl(), mock.credentials(USER),
                "SELECT id, name, day FROM " + table + " WHERE id IN (0, 999) ORDER BY id");
        List<Row> flight = client.query("SELECT id, name, day FROM " + table + " WHERE id IN (0, 999) ORDER BY id")
                .collectList().block(TIMEOUT);
        assertThat(flight).isEqualTo(rest);
        assertThat(rest).extracting(r -> r.getString("name")).containsExactly("event-0", "event-999");
        assertThat(flight.get(1).get("day")).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(999 % 28));
    }

    @Test
    void rowsAppendedOverRestAreVisibleOverFlight() {
        client.update("CREATE TABLE " + table + " (id BIGINT, name VARCHAR)").block(TIMEOUT);

        RestQueries.append(mock.baseUrl(), mock.credentials(USER), table,
                "[{\"id\":1,\"name\":\"from rest\"},{\"id\":2,\"name\":null}]");

        StepVerifier.create(client.query("SELECT id, name FROM " + table + " ORDER BY id")
                        .map(r -> r.getLong("id") + ":" + r.getString("name")))
                .expectNext("1:from rest", "2:null")
                .verifyComplete();
    }

    @Test
    void tableDefinitionModes() {
        IngestOptions create = into().definition(TableDefinition.CREATE).build();
        ArrowRowEncoder<Event> encoder = ArrowRowEncoder.forRecord(Event.class);

        StepVerifier.create(client.ingestRows(into().definition(TableDefinition.APPEND).build(),
                events(0, 10), encoder))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("does not exist");
                    assertThat(((ApiException) e.getCause()).status()).isEqualTo(9); // FAILED_PRECONDITION
                })
                .verify(TIMEOUT);
        StepVerifier.create(client.ingestRows(create, events(0, 10), encoder).map(BatchResult::ack))
                .expectNext(10L).verifyComplete();
        StepVerifier.create(client.ingestRows(create, events(0, 10), encoder))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("already exists");
                    assertThat(((ApiException) e.getCause()).status()).isEqualTo(6); // ALREADY_EXISTS
                })
                .verify(TIMEOUT);
        StepVerifier.create(client.ingestRows(into().definition(TableDefinition.APPEND).build(), events(10, 5), encoder)
                        .map(BatchResult::ack))
                .expectNext(5L).verifyComplete();
        StepVerifier.create(client.ingestRows(into().build(), events(15, 5), encoder).map(BatchResult::ack))
                .expectNext(5L).verifyComplete(); // CREATE_APPEND
        assertThat(count()).isEqualTo(20);
        StepVerifier.create(client.ingestRows(into().definition(TableDefinition.REPLACE).build(), events(0, 3), encoder)
                        .map(BatchResult::ack))
                .expectNext(3L).verifyComplete();
        assertThat(count()).isEqualTo(3);

        // several batches: the first one replaces the table, the others append to it
        IngestOptions replaceInBatches = into().definition(TableDefinition.REPLACE).batching(IngestOptions
                .DEFAULT_BATCHING.mutate().maxRows(4).maxInFlight(2).linger(Duration.ofMinutes(10)).build()).build();
        StepVerifier.create(client.ingestRows(replaceInBatches, events(100, 10), encoder).map(BatchResult::rows))
                .expectNext(4, 4, 2)
                .verifyComplete();
        assertThat(count()).isEqualTo(10);
        assertThat(client.query("SELECT min(id) AS m FROM " + table).map(r -> r.getLong("m")).blockFirst(TIMEOUT))
                .isEqualTo(100);
    }

    /** A row of the upsert test. */
    record Versioned(long id, String name, long updatedAt) {
    }

    @Test
    void upsertKeepsTheRowWithTheGreatestCursor() {
        ArrowRowEncoder<Versioned> encoder = ArrowRowEncoder.of(new Schema(List.of(
                        new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null),
                        new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                        new Field("updated_at", FieldType.nullable(new ArrowType.Int(64, true)), null))),
                v -> List.of(v.id(), v.name(), v.updatedAt()));
        IngestOptions upsert = into().primaryKey("id").cursorField("updated_at").build();

        StepVerifier.create(client.ingestRows(upsert, Flux.just(new Versioned(1, "old", 1), new Versioned(2, "b", 1),
                        new Versioned(1, "new", 5), new Versioned(3, "c", 1)), encoder).map(BatchResult::ack))
                .expectNext(3L)
                .verifyComplete();
        StepVerifier.create(client.ingestRows(upsert,
                Flux.just(new Versioned(1, "stale", 2), new Versioned(2, "newer", 9)), encoder))
                .expectNextCount(1)
                .verifyComplete();

        StepVerifier.create(client.query("SELECT id, name FROM " + table + " ORDER BY id")
                        .map(r -> r.getLong("id") + ":" + r.getString("name")))
                .expectNext("1:new", "2:newer", "3:c")
                .verifyComplete();
    }

    @Test
    void aLargeIngestOfRootsIsSplitAndStreamed() {
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        Flux<VectorSchemaRoot> roots = Flux.range(0, 4).map(b -> {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            BigIntVector id = (BigIntVector) root.getVector(0);
            id.allocateNew(600_000);
            for (int i = 0; i < 600_000; i++) {
                id.set(i, b * 600_000L + i);
            }
            root.setRowCount(600_000); // 4.8 MB: more than one message may carry
            return root;
        });

        StepVerifier.create(Batcher.summarize(client.ingest(into().build(), roots)))
                .assertNext(s -> {
                    assertThat(s.rows()).isEqualTo(2_400_000L);
                    assertThat(s.batches()).as("each root sliced under the default 65,536 rows").isEqualTo(4 * 10);
                })
                .verifyComplete();
        assertThat(client.query("SELECT sum(id) AS s FROM " + table).map(r -> r.getBigDecimal("s").longValueExact())
                .blockFirst(TIMEOUT)).isEqualTo(2_400_000L * 2_399_999L / 2);
        // the roots were closed once written; gRPC lets go of the last message's buffers once Netty wrote it
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    @Test
    void rowsBatchedAndWrittenTwoAtATime() {
        IngestOptions options = into().batching(BatchingOptions.builder().maxRows(500).maxBytes(256 * 1024)
                .linger(Duration.ofMinutes(10)).maxInFlight(2).build()).build();

        StepVerifier.create(client.ingestRows(options, events(0, 1234), ArrowRowEncoder.forRecord(Event.class))
                        .map(BatchResult::ack))
                .expectNext(500L, 500L, 234L)
                .verifyComplete();
        assertThat(count()).isEqualTo(1234);
    }
}
