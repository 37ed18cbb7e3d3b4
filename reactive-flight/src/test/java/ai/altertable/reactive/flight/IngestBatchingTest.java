package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.DeliveryGuarantee;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.batch.BatchFailedException;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.flight.testserver.IngestControl;
import ai.altertable.reactive.flight.testserver.TestSqlProducer;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batched ingest honours every {@link BatchingOptions} as REST's {@code appendAll} does: {@code maxInFlight}
 * {@code DoPut}s at once (seen by the server), each error policy and delivery guarantee, the table definition across
 * batches, cancel on the wire, and memory bounded by the batches in flight.
 */
class IngestBatchingTest extends FlightTestSupport {

    /** A row: {@code id} is the first column, which the test server looks at to fail chosen batches. */
    record Event(long id, String payload) {
    }

    private static final ArrowRowEncoder<Event> EVENTS = ArrowRowEncoder.forRecord(Event.class);

    private static Flux<Event> events(int count) {
        return Flux.range(0, count).map(i -> new Event(i, "payload-" + i));
    }

    /** 100 rows a batch, cut by rows and the end only (a linger longer than the test), appending to a table. */
    private static IngestOptions.Builder options(BatchingOptions.Builder batching) {
        return IngestOptions.builder("events").definition(TableDefinition.APPEND)
                .batching(batching.maxRows(100).maxBytes(1024 * 1024).linger(Duration.ofMinutes(10)).build());
    }

    private IngestControl control() {
        return server.producer().ingestControl();
    }

    private static final Schema ID = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));

    private VectorSchemaRoot root(long first, int rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ID, allocator);
        BigIntVector id = (BigIntVector) root.getVector(0);
        id.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
            id.set(i, first + i);
        }
        root.setRowCount(rows);
        return root;
    }

    /** The same ingest of 1,000 rows in 10 batches of 100, from rows or from record batches of 100 rows. */
    private Flux<BatchResult<Long>> tenBatches(boolean fromRows, IngestOptions options) {
        return fromRows ? client.ingestRows(options, events(1000), EVENTS)
                : client.ingest(options, Flux.range(0, 10).map(b -> root(b * 100L, 100)));
    }

    @ParameterizedTest(name = "from rows: {0}")
    @ValueSource(booleans = {true, false})
    void maxInFlightDoPutsAreOpenAtOnce_neverMore(boolean fromRows) {
        IngestControl control = control();
        control.hold();
        CompletableFuture<List<BatchResult<Long>>> done = tenBatches(fromRows,
                options(BatchingOptions.builder().maxInFlight(3)).build()).collectList().toFuture();

        // the server holds every DoPut until let go: let them go in order, each time the client has refilled
        for (int batch = 0; batch < 10; batch++) {
            int open = Math.min(3, 10 - batch);
            int started = batch + open;
            await().atMost(TIMEOUT).until(() -> control.open() == open && control.started() == started);
            control.release(batch * 100L);
        }

        assertThat(done.join()).extracting(BatchResult::ack).containsOnly(100L).hasSize(10);
        assertThat(control.maxOpen()).isEqualTo(3);
        assertThat(control.started()).isEqualTo(10);
    }

    @ParameterizedTest(name = "from rows: {0}")
    @ValueSource(booleans = {true, false})
    void failFast_aFailingBatchEndsTheIngestWithBatchFailedException_laterBatchesAreNotSent(boolean fromRows) {
        control().fail(350, CallStatus.INTERNAL.withDescription("Append failed: constraint"), Integer.MAX_VALUE);

        StepVerifier.create(tenBatches(fromRows, options(BatchingOptions.builder().maxInFlight(1)).build()))
                .expectNextCount(3)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class)
                            .hasMessageContaining("batch 3 (rows 300-399) failed").hasMessageContaining("Append failed");
                    BatchFailedException failed = (BatchFailedException) e;
                    assertThat(failed.batchIndex()).isEqualTo(3);
                    assertThat(failed.attempts()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(ApiException.class);
                    assertThat(failed.status()).isEqualTo(13); // INTERNAL
                })
                .verify(TIMEOUT);

        assertThat(control().started()).as("batches 0-3 sent, none after the failure").isEqualTo(4);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    @ParameterizedTest(name = "from rows: {0}")
    @ValueSource(booleans = {true, false})
    void continuePolicy_theFailedBatchIsReported_andTheOthersAreWritten(boolean fromRows) {
        control().fail(350, CallStatus.INTERNAL.withDescription("Append failed: constraint"), Integer.MAX_VALUE);
        IngestOptions options = options(BatchingOptions.builder().maxInFlight(2)
                .errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE)).build();

        StepVerifier.create(Batcher.summarize(tenBatches(fromRows, options)))
                .assertNext(summary -> {
                    assertThat(summary.batches()).isEqualTo(10);
                    assertThat(summary.rows()).isEqualTo(900);
                    assertThat(summary.failedBatches()).isEqualTo(1);
                    assertThat(summary.failedRows()).isEqualTo(100);
                    BatchResult<?> failed = summary.failures().get(0);
                    assertThat(failed.index()).isEqualTo(3);
                    assertThat(failed.firstRow()).isEqualTo(300);
                    assertThat(failed.error()).isInstanceOf(ApiException.class).hasMessageContaining("Append failed");
                })
                .verifyComplete();
        assertThat(server.producer().ingests()).hasSize(9);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    @ParameterizedTest(name = "from rows: {0}")
    @ValueSource(booleans = {true, false})
    void atMostOnce_aBatchThatMayHaveReachedTheServerIsNotSentAgain(boolean fromRows) {
        control().fail(350, CallStatus.UNAVAILABLE.withDescription("connection reset"), 1);

        StepVerifier.create(tenBatches(fromRows, options(BatchingOptions.builder().maxInFlight(1)).build()))
                .expectNextCount(3)
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BatchFailedException.class);
                    assertThat(((BatchFailedException) e).attempts()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(NetworkException.class)
                            .matches(c -> ((AltertableException) c).isRetryable(), "retryable, yet not re-sent");
                })
                .verify(TIMEOUT);
        assertThat(control().started()).isEqualTo(4);
    }

    @ParameterizedTest(name = "from rows: {0}")
    @ValueSource(booleans = {true, false})
    void atLeastOnce_aFailedBatchIsSentAgain_andSaysSo(boolean fromRows) {
        control().fail(350, CallStatus.UNAVAILABLE.withDescription("connection reset"), 1);
        IngestOptions options = options(BatchingOptions.builder().maxInFlight(1)
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)).build();

        StepVerifier.create(tenBatches(fromRows, options).collectList())
                .assertNext(results -> {
                    assertThat(results).hasSize(10).allMatch(BatchResult::isSuccess);
                    assertThat(results.get(3).attempts()).isEqualTo(2);
                    assertThat(results).filteredOn(BatchResult::resent).containsExactly(results.get(3));
                })
                .verifyComplete();
        assertThat(control().started()).as("batch 3 twice").isEqualTo(11);
        assertThat(server.producer().ingests().stream().mapToLong(TestSqlProducer.Ingest::rows).sum()).isEqualTo(1000);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }

    @ParameterizedTest(name = "from rows: {0}")
    @ValueSource(booleans = {true, false})
    void cancelMidIngest_cancelsTheDoPutsInFlight_stopsTheSource_andFreesEverything(boolean fromRows) {
        IngestControl control = control();
        control.hold();
        AtomicInteger made = new AtomicInteger();
        IngestOptions options = options(BatchingOptions.builder().maxInFlight(2)).build();
        Flux<BatchResult<Long>> endless = fromRows
                ? client.ingestRows(options,
                        Flux.<Event>generate(sink -> sink.next(new Event(made.getAndIncrement(), "p"))), EVENTS)
                : client.ingest(options,
                        Flux.<VectorSchemaRoot>generate(sink -> sink.next(root(made.getAndAdd(100), 100))));

        Disposable ingest = endless.subscribe();
        await().atMost(TIMEOUT).until(() -> control.open() == 2);
        ingest.dispose();
        int madeAtCancel = made.get();

        await().atMost(TIMEOUT).until(() -> control.cancelled() == 2); // the server saw both calls cancelled
        control.releaseAll();
        assertThat(server.producer().ingests()).as("nothing was acknowledged").isEmpty();
        assertThat(made.get()).as("the source is not asked for more").isEqualTo(madeAtCancel);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);

        StepVerifier.create(client.ingestRows(options, events(10), EVENTS).map(BatchResult::ack))
                .expectNext(10L)
                .verifyComplete();
    }

    @Test
    void closingTheClientMidBatch_atMostOnce_doesNotSendTheBatchAgain() {
        IngestControl control = control();
        control.hold();
        CompletableFuture<List<BatchResult<Long>>> done = client.ingestRows(options(BatchingOptions.builder()).build(),
                events(100), EVENTS).collectList().toFuture();
        await().atMost(TIMEOUT).until(() -> control.open() == 1);

        client.close(); // ends the upload in flight with the client's "closed" failure

        assertThat(done).failsWithin(TIMEOUT).withThrowableThat().havingCause().satisfies(e -> {
            assertThat(e).isInstanceOf(BatchFailedException.class);
            assertThat(((BatchFailedException) e).attempts()).as("not sent again").isEqualTo(1);
            assertThat(e.getCause()).isInstanceOf(NetworkException.class);
            assertThat(((NetworkException) e.getCause()).requestSent()).as("its DoPut had started").isTrue();
        });
        await().atMost(TIMEOUT).until(() -> control.cancelled() == 1);
        assertThat(control.started()).isEqualTo(1);
    }

    @Test
    void continuePolicy_afterTheFirstBatchFailedToCreateTheTable_theOthersAreNotSent() {
        IngestOptions create = IngestOptions.builder("refused").definition(TableDefinition.CREATE)
                .batching(IngestOptions.DEFAULT_BATCHING.mutate().maxRows(100).maxInFlight(3)
                        .linger(Duration.ofMinutes(10)).errorPolicy(BatchingOptions.ErrorPolicy.CONTINUE).build())
                .build();

        StepVerifier.create(client.ingestRows(create, events(500), EVENTS))
                .assertNext(first -> assertThat(first.error()).hasMessageContaining("already exists"))
                .thenConsumeWhile(r -> r.index() > 0, later -> {
                    assertThat(later.isSuccess()).isFalse();
                    assertThat(later.error()).isInstanceOf(AltertableException.class)
                            .hasMessageContaining("not sent: the first batch, which applies the table definition "
                                    + "(CREATE/FAIL), failed");
                })
                .verifyComplete();
        assertThat(control().started()).as("only the first batch went to the server").isEqualTo(1);
    }

    @Test
    void theFirstBatchIsWrittenAlone_whenTheDefinitionMayCreateTheTable() {
        IngestControl control = control();
        control.hold();
        IngestOptions createAppend = IngestOptions.builder("events")
                .batching(IngestOptions.DEFAULT_BATCHING.mutate().maxRows(100).maxInFlight(3)
                        .linger(Duration.ofMinutes(10)).build())
                .build();
        CompletableFuture<List<BatchResult<Long>>> done = client.ingestRows(createAppend, events(500), EVENTS)
                .collectList().toFuture();

        await().atMost(TIMEOUT).until(() -> control.started() == 1);
        control.release(0);
        // after the first one, three at a time
        await().atMost(TIMEOUT).until(() -> control.open() == 3 && control.started() == 4);
        control.releaseAll();

        assertThat(done.join()).hasSize(5).allMatch(BatchResult::isSuccess);
        assertThat(control.maxOpen()).isEqualTo(3);
    }

    @Test
    void eachBatchInFlightHoldsItsOwnArrowMemory_releasedWhenWritten() {
        String payload = "p".repeat(100);
        Flux<Event> rows = Flux.range(0, 50_000).map(i -> new Event(i, payload)); // about 5.6 MB of Arrow buffers
        IngestOptions options = IngestOptions.builder("events").batching(IngestOptions.DEFAULT_BATCHING.mutate()
                .maxBytes(64 * 1024).maxInFlight(2).linger(Duration.ofMinutes(10)).build()).build();

        StepVerifier.create(Batcher.summarize(client.ingestRows(options, rows, EVENTS)))
                .assertNext(s -> {
                    assertThat(s.rows()).isEqualTo(50_000);
                    assertThat(s.batches()).isGreaterThan(80);
                })
                .verifyComplete();

        // two batches of at most 64 KiB in flight (a batch's buffers grow by doubling, so up to four times what it
        // holds while one is reallocated), and the last ones written until gRPC lets go of them: not 5.6 MB
        assertThat(allocator.getPeakMemoryAllocation()).isLessThan(2L * 8 * 64 * 1024);
        await().atMost(TIMEOUT).until(() -> allocator.getAllocatedMemory() == 0);
    }
}
