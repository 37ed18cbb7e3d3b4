package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.testserver.TestSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IngestTest extends FlightTestSupport {

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("payload", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    /** A root of {@code rows} rows from {@code first}, with a payload of {@code payloadBytes} per row. */
    private static VectorSchemaRoot root(BufferAllocator allocator, long first, int rows, int payloadBytes) {
        VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
        root.allocateNew();
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'p');
        for (int i = 0; i < rows; i++) {
            ((BigIntVector) root.getVector(0)).setSafe(i, first + i);
            ((VarCharVector) root.getVector(1)).setSafe(i, payload);
        }
        root.setRowCount(rows);
        return root;
    }

    /** A row type for the row-ingest tests. */
    record Event(long id, String name, LocalDate day, Instant at) {
    }

    @Test
    void rootsAreUploadedInOrderAndOwnedByTheClient() {
        Flux<VectorSchemaRoot> roots = Flux.range(0, 3).map(i -> root(allocator, i * 100L, 100, 10));

        StepVerifier.create(client.ingest(roots, IngestOptions.builder(TableRef.of("memory", "main", "events")).build()))
                .expectNext(300L)
                .verifyComplete();

        TestSqlProducer.Ingest ingest = server.producer().ingests().get(0);
        assertThat(ingest.batchRows()).containsExactly(100, 100, 100);
        assertThat(ingest.firstColumn()).containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
        assertThat(ingest.command().getTable()).isEqualTo("events");
        assertThat(ingest.command().getCatalog()).isEqualTo("memory");
        assertThat(ingest.command().getSchema()).isEqualTo("main");
        assertThat(ingest.command().getOptionsMap()).isEmpty();
        // every root was closed by the client; gRPC lets go of the last message's buffers once Netty wrote it
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> definitions() {
        return Stream.of(
                arguments(TableDefinition.CREATE, "TABLE_NOT_EXIST_OPTION_CREATE", "TABLE_EXISTS_OPTION_FAIL"),
                arguments(TableDefinition.APPEND, "TABLE_NOT_EXIST_OPTION_FAIL", "TABLE_EXISTS_OPTION_APPEND"),
                arguments(TableDefinition.CREATE_APPEND, "TABLE_NOT_EXIST_OPTION_CREATE", "TABLE_EXISTS_OPTION_APPEND"),
                arguments(TableDefinition.REPLACE, "TABLE_NOT_EXIST_OPTION_CREATE", "TABLE_EXISTS_OPTION_REPLACE"),
                arguments(TableDefinition.of(TableDefinition.IfNotExists.FAIL, TableDefinition.IfExists.REPLACE),
                        "TABLE_NOT_EXIST_OPTION_FAIL", "TABLE_EXISTS_OPTION_REPLACE"));
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void bothTableDefinitionEnumsAreAlwaysSent(TableDefinition definition, String ifNotExist, String ifExists) {
        StepVerifier.create(client.ingest(Flux.just(root(allocator, 0, 1, 1)),
                        IngestOptions.builder("t").definition(definition).build()))
                .expectNext(1L)
                .verifyComplete();

        TableDefinitionOptions sent = server.producer().ingests().get(0).command().getTableDefinitionOptions();
        assertThat(sent.getIfNotExist().name()).isEqualTo(ifNotExist);
        assertThat(sent.getIfExists().name()).isEqualTo(ifExists);
    }

    @Test
    void upsertKeysAndCursorsAreSentAsJsonArrays_andTheSessionCatalogIsTheDefaultTarget() {
        SessionOptions session = SessionOptions.builder().catalog("lake").schema("raw").build();
        try (LakehouseFlightClient configured = LakehouseFlightClient.create(options().sessionOptions(session).build())) {
            StepVerifier.create(configured.ingest(Flux.just(root(allocator, 0, 2, 1)), IngestOptions.builder("t")
                            .primaryKey("tenant", "id").cursorField("updated_at").build()))
                    .expectNext(2L)
                    .verifyComplete();
        }

        TestSqlProducer.Ingest ingest = server.producer().ingests().get(0);
        assertThat(ingest.command().getOptionsMap()).isEqualTo(Map.of(
                "primary_key", "[\"tenant\",\"id\"]", "cursor_field", "[\"updated_at\"]"));
        assertThat(ingest.command().getCatalog()).isEqualTo("lake");
        assertThat(ingest.command().getSchema()).isEqualTo("raw");
    }

    @Test
    void aRootLargerThanTheBatchLimitIsSplitIntoMessagesUnderIt() {
        int maxBytes = 1024 * 1024;
        // about 4.2 MB: over the server's 4 MiB message limit in one piece
        Flux<VectorSchemaRoot> big = Flux.just(root(allocator, 0, 20_000, 200));

        StepVerifier.create(client.ingest(big, IngestOptions.of("t")))
                .expectNext(20_000L)
                .verifyComplete();

        TestSqlProducer.Ingest ingest = server.producer().ingests().get(0);
        assertThat(ingest.batchRows().size()).isGreaterThanOrEqualTo(5);
        assertThat(ingest.batchBytes()).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo((long) maxBytes));
        assertThat(ingest.firstColumn()).containsExactlyElementsOf(LongStream.range(0, 20_000).boxed().toList());
    }

    @Test
    void rowsAreCutIntoBatchesByRowCount() {
        Flux<Event> events = Flux.range(0, 2500).map(i -> new Event(i, "e" + i, LocalDate.of(2024, 1, 1), Instant.EPOCH));
        IngestOptions options = IngestOptions.builder("events")
                .batching(BatchingOptions.builder().maxRows(1000).maxBytes(1024 * 1024).linger(Duration.ZERO).build())
                .build();

        StepVerifier.create(client.ingestRows(events, ArrowRowEncoder.forRecord(Event.class), options))
                .expectNext(2500L)
                .verifyComplete();

        TestSqlProducer.Ingest ingest = server.producer().ingests().get(0);
        assertThat(ingest.batchRows()).containsExactly(1000, 1000, 500);
        assertThat(ingest.firstColumn()).containsExactlyElementsOf(LongStream.range(0, 2500).boxed().toList());
        assertThat(ingest.schema().getFields()).extracting(Field::getName).containsExactly("id", "name", "day", "at");
        assertThat(ingest.schema().getFields().get(0).isNullable()).isFalse();
        assertThat(ingest.schema().getFields().get(1).isNullable()).isTrue();
    }

    @Test
    void rowsAreCutIntoBatchesBySize() {
        String tenKilobytes = "x".repeat(10_000);
        Flux<Event> events = Flux.range(0, 100).map(i -> new Event(i, tenKilobytes, null, null));
        IngestOptions options = IngestOptions.builder("events")
                .batching(BatchingOptions.builder().maxRows(10_000).maxBytes(64 * 1024).linger(Duration.ofSeconds(5))
                        .build())
                .build();

        StepVerifier.create(client.ingestRows(events, ArrowRowEncoder.forRecord(Event.class), options))
                .expectNext(100L)
                .verifyComplete();

        TestSqlProducer.Ingest ingest = server.producer().ingests().get(0);
        assertThat(ingest.batchRows()).allSatisfy(rows -> assertThat(rows).isBetween(1, 6));
        assertThat(ingest.batchBytes()).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(64 * 1024L));
        assertThat(ingest.rows()).isEqualTo(100);
    }

    @Test
    void anExplicitSchemaEncoderAndAValueThatDoesNotFit() {
        ArrowRowEncoder<Long> encoder = ArrowRowEncoder.of(SCHEMA, id -> Arrays.asList(id, id % 2 == 0 ? null : "odd"));
        StepVerifier.create(client.ingestRows(Flux.just(1L, 2L, 3L), encoder, IngestOptions.of("t")))
                .expectNext(3L)
                .verifyComplete();

        ArrowRowEncoder<Long> wrong = ArrowRowEncoder.of(SCHEMA, id -> List.of("not a number", "x"));
        StepVerifier.create(client.ingestRows(Flux.just(1L), wrong, IngestOptions.of("t")))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(SerializationException.class)
                        .hasMessageContaining("'id'"))
                .verify(TIMEOUT);
    }

    @Test
    void anEmptySourceSendsNothing() {
        StepVerifier.create(client.ingest(Flux.empty(), IngestOptions.of("t"))).expectNext(0L).verifyComplete();
        assertThat(server.producer().received("CommandStatementIngest")).isEmpty();
    }

    @Test
    void aRejectedIngestFailsWithTheServersCode_andTheRootsAreFreed() {
        AtomicInteger made = new AtomicInteger();
        Flux<VectorSchemaRoot> roots = Flux.range(0, 50).map(i -> {
            made.incrementAndGet();
            return root(allocator, i, 1000, 100);
        });

        StepVerifier.create(client.ingest(roots, IngestOptions.builder("refused").definition(TableDefinition.CREATE)
                        .build()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class).hasMessageContaining("already exists");
                    assertThat(((ApiException) e).status()).isEqualTo(6); // ALREADY_EXISTS
                    assertThat(((ApiException) e).path()).isEqualTo("DoPut");
                })
                .verify(TIMEOUT);

        assertThat(made.get()).isLessThan(50);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    @Test
    void cancellingAnIngestStopsTheSourceAndFreesItsRoots() {
        AtomicInteger made = new AtomicInteger();
        Flux<VectorSchemaRoot> endless = Flux.generate(sink -> sink.next(root(allocator, made.getAndIncrement(), 100, 10)));

        StepVerifier.create(client.ingest(endless, IngestOptions.of("t")))
                .then(() -> await().atMost(TIMEOUT).until(() -> made.get() > 20))
                .thenCancel()
                .verify(TIMEOUT);

        int afterCancel = made.get();
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
        assertThat(made.get()).isLessThanOrEqualTo(afterCancel + 1);
    }

    @Test
    void uploadsArePacedByTheCall_soFewRootsAreInMemoryAtOnce() {
        int rootBytes = 1000 * (100 + 8 + 4);
        Flux<VectorSchemaRoot> roots = Flux.range(0, 200).map(i -> root(allocator, i * 1000L, 1000, 100));

        StepVerifier.create(client.ingest(roots, IngestOptions.of("t")))
                .expectNext(200_000L)
                .verifyComplete();

        // one root being written, one requested, what gRPC holds below its readiness threshold; 200 were made
        assertThat(allocator.getPeakMemoryAllocation()).isLessThan(10L * 2 * rootBytes);
    }
}
