package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
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
import reactor.core.Disposable;
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
    void eachRootIsABatchOfItsOwn_uploadedInOrderAndOwnedByTheClient() {
        Flux<VectorSchemaRoot> roots = Flux.range(0, 3).map(i -> root(allocator, i * 100L, 100, 10));

        StepVerifier.create(client.ingest(IngestOptions.builder(TableRef.of("memory", "main", "events")).build(),
                roots))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow, BatchResult::rows,
                        BatchResult::ack, BatchResult::attempts).containsExactly(0L, 0L, 100, 100L, 1))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow)
                        .containsExactly(1L, 100L))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow)
                        .containsExactly(2L, 200L))
                .verifyComplete();

        List<TestSqlProducer.Ingest> ingests = server.producer().ingests();
        assertThat(ingests).extracting(TestSqlProducer.Ingest::batchRows)
                .containsExactly(List.of(100), List.of(100), List.of(100));
        assertThat(ingests.stream().flatMap(i -> i.firstColumn().stream()))
                .containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
        TestSqlProducer.Ingest ingest = ingests.get(0);
        assertThat(ingest.command().getTable()).isEqualTo("events");
        assertThat(ingest.command().getCatalog()).isEqualTo("memory");
        assertThat(ingest.command().getSchema()).isEqualTo("main");
        assertThat(ingest.command().getOptionsMap()).isEmpty();
        // every root was closed by the client; gRPC lets go of the last message's buffers once Netty wrote it
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> definitions() {
        String create = "TABLE_NOT_EXIST_OPTION_CREATE";
        String fail = "TABLE_NOT_EXIST_OPTION_FAIL";
        String append = "TABLE_EXISTS_OPTION_APPEND";
        return Stream.of(
                arguments(TableDefinition.CREATE, create, "TABLE_EXISTS_OPTION_FAIL", fail, append),
                arguments(TableDefinition.APPEND, fail, append, fail, append),
                arguments(TableDefinition.CREATE_APPEND, create, append, create, append),
                arguments(TableDefinition.REPLACE, create, "TABLE_EXISTS_OPTION_REPLACE", fail, append),
                arguments(TableDefinition.of(TableDefinition.IfNotExists.FAIL, TableDefinition.IfExists.REPLACE),
                        fail, "TABLE_EXISTS_OPTION_REPLACE", fail, append));
    }

    /** The first batch applies the definition; later ones append to the table it made (never create or replace). */
    @ParameterizedTest
    @MethodSource("definitions")
    void bothTableDefinitionEnumsAreAlwaysSent_theFirstBatchAppliesThem(TableDefinition definition, String ifNotExist,
                                                                       String ifExists, String laterIfNotExist,
                                                                       String laterIfExists) {
        IngestOptions options = IngestOptions.builder("t").definition(definition)
                .batching(IngestOptions.DEFAULT_BATCHING.mutate().maxInFlight(2).build()).build();
        StepVerifier.create(client.ingest(options, Flux.range(0, 3).map(i -> root(allocator, i, 1, 1))))
                .expectNextCount(3)
                .verifyComplete();

        List<TableDefinitionOptions> sent = server.producer().ingests().stream()
                .map(i -> i.command().getTableDefinitionOptions()).toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).getIfNotExist().name()).isEqualTo(ifNotExist);
        assertThat(sent.get(0).getIfExists().name()).isEqualTo(ifExists);
        assertThat(sent.subList(1, 3)).allSatisfy(later -> {
            assertThat(later.getIfNotExist().name()).isEqualTo(laterIfNotExist);
            assertThat(later.getIfExists().name()).isEqualTo(laterIfExists);
        });
    }

    @Test
    void upsertKeysAndCursorsAreSentAsJsonArrays_andTheSessionCatalogIsTheDefaultTarget() {
        SessionOptions session = SessionOptions.builder().catalog("lake").schema("raw").build();
        try (LakehouseFlightClient configured = LakehouseFlightClient.create(options().sessionOptions(session).build())) {
            IngestOptions upsert = IngestOptions.builder("t").primaryKey("tenant", "id").cursorField("updated_at").build();
            StepVerifier.create(configured.ingest(upsert, Flux.just(root(allocator, 0, 2, 1))).map(BatchResult::ack))
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
    void aRootLargerThanTheBatchLimitsIsSlicedIntoBatchesWithinThem() {
        int maxBytes = 1024 * 1024;
        // about 4.2 MB: over the server's 4 MiB message limit in one piece
        Flux<VectorSchemaRoot> big = Flux.just(root(allocator, 0, 20_000, 200));

        StepVerifier.create(Batcher.summarize(client.ingest(IngestOptions.of("t"), big)))
                .assertNext(s -> assertThat(s.rows()).isEqualTo(20_000))
                .verifyComplete();

        List<TestSqlProducer.Ingest> ingests = server.producer().ingests();
        assertThat(ingests).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(i -> assertThat(i.batchBytes()).singleElement()
                        .satisfies(bytes -> assertThat(bytes).isLessThanOrEqualTo((long) maxBytes)));
        assertThat(ingests.stream().flatMap(i -> i.firstColumn().stream()))
                .containsExactlyElementsOf(LongStream.range(0, 20_000).boxed().toList());

        IngestOptions tenRows = IngestOptions.builder("t").batching(IngestOptions.DEFAULT_BATCHING.mutate().maxRows(10)
                .build()).build();
        StepVerifier.create(client.ingest(tenRows, Flux.just(root(allocator, 0, 25, 1))).map(BatchResult::rows))
                .expectNext(9, 9, 7) // a root over maxRows is sliced into about even parts, none over it
                .verifyComplete();
        assertThat(server.producer().ingests()).hasSize(ingests.size() + 3);
    }

    @Test
    void rowsAreCutIntoBatchesByRowCount_oneDoPutEach() {
        Flux<Event> events = Flux.range(0, 2500).map(i -> new Event(i, "e" + i, LocalDate.of(2024, 1, 1), Instant.EPOCH));
        IngestOptions options = IngestOptions.builder("events")
                .batching(BatchingOptions.builder().maxRows(1000).maxBytes(1024 * 1024).linger(Duration.ZERO).build())
                .build();

        StepVerifier.create(client.ingestRows(options, events, ArrowRowEncoder.forRecord(Event.class)))
                .assertNext(r -> assertThat(r).extracting(BatchResult::index, BatchResult::firstRow, BatchResult::rows,
                        BatchResult::ack).containsExactly(0L, 0L, 1000, 1000L))
                .assertNext(r -> assertThat(r).extracting(BatchResult::firstRow, BatchResult::rows)
                        .containsExactly(1000L, 1000))
                .assertNext(r -> assertThat(r).extracting(BatchResult::firstRow, BatchResult::rows, BatchResult::ack)
                        .containsExactly(2000L, 500, 500L))
                .verifyComplete();

        List<TestSqlProducer.Ingest> ingests = server.producer().ingests(); // in the order the server finished them
        assertThat(ingests).extracting(TestSqlProducer.Ingest::batchRows)
                .containsExactlyInAnyOrder(List.of(1000), List.of(1000), List.of(500));
        assertThat(ingests.stream().flatMap(i -> i.firstColumn().stream()).sorted())
                .containsExactlyElementsOf(LongStream.range(0, 2500).boxed().toList());
        Schema sent = ingests.get(0).schema();
        assertThat(sent.getFields()).extracting(Field::getName).containsExactly("id", "name", "day", "at");
        assertThat(sent.getFields().get(0).isNullable()).isFalse();
        assertThat(sent.getFields().get(1).isNullable()).isTrue();
    }

    @Test
    void rowsAreCutIntoBatchesBySize_exactly() {
        String tenKilobytes = "x".repeat(10_000);
        Flux<Event> events = Flux.range(0, 100).map(i -> new Event(i, tenKilobytes, null, null));
        // a linger longer than the test: only size and the end of the source cut
        IngestOptions options = IngestOptions.builder("events")
                .batching(BatchingOptions.builder().maxRows(10_000).maxBytes(64 * 1024).linger(Duration.ofMinutes(10))
                        .build())
                .build();

        StepVerifier.create(client.ingestRows(options, events, ArrowRowEncoder.forRecord(Event.class))
                        .map(BatchResult::rows).collectList())
                .assertNext(rows -> assertThat(rows).hasSize(17).startsWith(6, 6, 6).endsWith(6, 4)
                        .containsOnly(6, 4)) // about 10,028 estimated bytes a row: 6 fit in 64 KiB
                .verifyComplete();

        List<TestSqlProducer.Ingest> ingests = server.producer().ingests();
        assertThat(ingests).hasSize(17);
        assertThat(ingests).allSatisfy(i -> assertThat(i.batchBytes()).singleElement()
                .satisfies(bytes -> assertThat(bytes).isLessThanOrEqualTo(64 * 1024L)));
        assertThat(ingests.stream().mapToLong(TestSqlProducer.Ingest::rows).sum()).isEqualTo(100);
    }

    @Test
    void anExplicitSchemaEncoderAndAValueThatDoesNotFit() {
        ArrowRowEncoder<Long> encoder = ArrowRowEncoder.of(SCHEMA, id -> Arrays.asList(id, id % 2 == 0 ? null : "odd"));
        StepVerifier.create(client.ingestRows(IngestOptions.of("t"), Flux.just(1L, 2L, 3L), encoder)
                        .map(BatchResult::ack))
                .expectNext(3L)
                .verifyComplete();

        ArrowRowEncoder<Long> wrong = ArrowRowEncoder.of(SCHEMA, id -> List.of("not a number", "x"));
        StepVerifier.create(client.ingestRows(IngestOptions.of("t"), Flux.just(1L), wrong))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("batch 0 (rows 0-0)");
                    assertThat(e.getCause()).isInstanceOf(SerializationException.class).hasMessageContaining("'id'");
                })
                .verify(TIMEOUT);
        assertThat(server.producer().received("CommandStatementIngest")).as("nothing of it was sent").hasSize(1);

        ArrowRowEncoder<Long> nullId = ArrowRowEncoder.of(SCHEMA, id -> Arrays.asList(null, "x")); // id is NOT NULL
        StepVerifier.create(client.ingestRows(IngestOptions.of("t"), Flux.just(1L), nullId))
                .expectErrorSatisfies(e -> assertThat(e.getCause()).isInstanceOf(SerializationException.class)
                        .hasMessageContaining("cannot write null into column 'id'"))
                .verify(TIMEOUT);
    }

    @Test
    void anEmptySourceSendsNothing() {
        StepVerifier.create(client.ingest(IngestOptions.of("t"), Flux.empty())).verifyComplete();
        StepVerifier.create(client.ingestRows(IngestOptions.of("t"),
                Flux.<Event>empty(), ArrowRowEncoder.forRecord(Event.class))).verifyComplete();
        assertThat(server.producer().received("CommandStatementIngest")).isEmpty();
    }

    @Test
    void aRejectedIngestFailsWithTheServersCode_andTheRootsAreFreed() {
        AtomicInteger made = new AtomicInteger();
        Flux<VectorSchemaRoot> roots = Flux.range(0, 50).map(i -> {
            made.incrementAndGet();
            return root(allocator, i, 1000, 100);
        });

        StepVerifier.create(client.ingest(IngestOptions.builder("refused").definition(TableDefinition.CREATE)
                        .build(), roots))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class).hasMessageContaining("already exists");
                    assertThat(e.getCause()).isInstanceOf(ApiException.class);
                    assertThat(((ApiException) e.getCause()).status()).isEqualTo(6); // ALREADY_EXISTS
                    assertThat(((ApiException) e.getCause()).path()).isEqualTo("DoPut");
                })
                .verify(TIMEOUT);

        assertThat(made.get()).isLessThan(50);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    @Test
    void cancellingAnIngestStopsTheSourceAndFreesItsRoots() {
        AtomicInteger made = new AtomicInteger();
        Flux<VectorSchemaRoot> endless = Flux.generate(sink -> sink.next(root(allocator, made.getAndIncrement(), 100, 10)));

        Disposable ingest = client.ingest(IngestOptions.of("t"), endless).subscribe();
        await().atMost(TIMEOUT).until(() -> made.get() > 20);
        ingest.dispose();

        int afterCancel = made.get();
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
        assertThat(made.get()).isLessThanOrEqualTo(afterCancel + 1);
    }

    @Test
    void uploadsArePacedByTheCall_soFewRootsAreInMemoryAtOnce() {
        int rootBytes = 1000 * (100 + 8 + 4);
        Flux<VectorSchemaRoot> roots = Flux.range(0, 200).map(i -> root(allocator, i * 1000L, 1000, 100));

        StepVerifier.create(Batcher.summarize(client.ingest(IngestOptions.of("t"), roots)))
                .assertNext(s -> assertThat(s.rows()).isEqualTo(200_000))
                .verifyComplete();

        // one root being written, one requested, what gRPC holds below its readiness threshold; 200 were made
        assertThat(allocator.getPeakMemoryAllocation()).isLessThan(10L * 2 * rootBytes);
    }
}
