package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.testsupport.ContextProbe;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriber's Reactor {@code Context} reaches every source and callback of the Flight client, and with Micrometer's
 * context-propagation library and Reactor's automatic context propagation, so do the thread locals registered for it
 * (an MDC key and a plain {@code ThreadLocal} here), on whichever thread the client runs the callback: the io threads
 * that read Arrow's stream hand batches to delivery threads, and neither is a thread Reactor's own operators chose.
 */
class ContextPropagationTest extends FlightTestSupport {

    private static final Schema ID = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));

    /** A row type whose construction (by the client's record mapper) records what the thread locals held. */
    record Probe(long id, String name) {
        Probe {
            ContextProbe.record("mapper");
        }
    }

    @BeforeAll
    static void enablePropagation() {
        ContextProbe.enable();
    }

    @AfterAll
    static void disablePropagation() {
        ContextProbe.disable();
    }

    @Test
    void recordMapperAndOperatorsSeeTheThreadLocals() {
        server.producer().register("SELECT * FROM t", Dataset.counting(2, 3, 5));

        StepVerifier.create(ContextProbe.within(client.query("SELECT * FROM t", Probe.class)
                        .doOnNext(p -> ContextProbe.record("operator"))))
                .expectNextCount(30)
                .verifyComplete();

        ContextProbe.assertSeen("mapper", 30);
        ContextProbe.assertSeen("operator", 30);
    }

    @Test
    void perBatchCallbackSeesTheThreadLocals() {
        server.producer().register("SELECT * FROM t", Dataset.counting(1, 4, 10));

        StepVerifier.create(ContextProbe.within(client.queryBatches("SELECT * FROM t", root -> {
                    ContextProbe.record("perBatch");
                    return root.getRowCount();
                })))
                .expectNext(10, 10, 10, 10)
                .verifyComplete();

        ContextProbe.assertSeen("perBatch", 4);
    }

    @Test
    void preparedBodySeesTheContext() {
        StepVerifier.create(ContextProbe.within(client.prepared("SELECT ?", statement -> Flux.deferContextual(ctx ->
                        statement.query(ctx.<String>get(ContextProbe.KEY)).map(row -> {
                            ContextProbe.record("prepared");
                            return row.getString(0);
                        })))))
                .expectNext("Utf8:" + ContextProbe.current())
                .verifyComplete();

        ContextProbe.assertSeen("prepared", 1);
    }

    @Test
    void ingestSourceSeesTheContextAndTheThreadLocals() {
        Flux<VectorSchemaRoot> roots = Flux.deferContextual(ctx -> {
            ContextProbe.recordContext("source", ctx);
            return Flux.range(0, 3).map(i -> {
                ContextProbe.record("source item");
                return root(i * 10L, 10);
            });
        });

        StepVerifier.create(ContextProbe.within(client.ingest(
                        IngestOptions.builder(TableRef.of("memory", "main", "events")).build(), roots)
                        .doOnNext(r -> ContextProbe.record("result"))))
                .expectNextCount(3)
                .verifyComplete();

        ContextProbe.assertSeen("source", 1);
        ContextProbe.assertSeen("source item", 3);
        ContextProbe.assertSeen("result", 3);
    }

    @Test
    void rowIngestSourceAndEncoderSeeTheContextAndTheThreadLocals() {
        ArrowRowEncoder<Long> encoder = ArrowRowEncoder.of(ID, id -> {
            ContextProbe.record("encoder");
            return List.of(id);
        });
        Flux<Long> rows = Flux.deferContextual(ctx -> {
            ContextProbe.recordContext("source", ctx);
            return Flux.range(0, 250).map(i -> (long) i);
        });

        StepVerifier.create(ContextProbe.within(client.ingestRows(
                        IngestOptions.builder(TableRef.of("memory", "main", "events"))
                                .batching(BatchingOptions.builder().maxRows(100).build()).build(), rows, encoder)
                        .map(BatchResult::rows)))
                .expectNext(100, 100, 50)
                .verifyComplete();

        ContextProbe.assertSeen("source", 1);
        ContextProbe.assertSeen("encoder", 250);
    }

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
}
