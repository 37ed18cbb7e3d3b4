package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.flight.testserver.Dataset;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound is installed in this JVM (blockhound-junit-platform): a blocking call on a Reactor non-blocking thread
 * fails. Every operation here is subscribed, requested and cancelled from such threads; none may block them.
 */
class NonBlockingTest extends FlightTestSupport {

    @Test
    void blockHoundIsActive() {
        Mono<String> blocking = Mono.fromCallable(() -> {
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel());
        StepVerifier.create(blocking).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
    }

    @Test
    void everyOperationSubscribedFromANonBlockingThread() {
        server.producer().register("SELECT * FROM t", Dataset.counting(2, 3, 100));
        Schema schema = new Schema(List.of(new Field("id", FieldType.nullable(new ArrowType.Int(64, true)), null)));
        Flux<BatchResult<Long>> ingest = client.ingest(IngestOptions.of("t"), Mono.fromCallable(() -> {
            VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
            ((BigIntVector) root.getVector(0)).allocateNew(10);
            root.setRowCount(10);
            return root;
        }));

        Flux<Object> all = Flux.concat(
                client.query("SELECT * FROM t").count(),
                client.queryBatches("SELECT * FROM t").doOnNext(ArrowBatch::close).count(),
                client.queryBatches("SELECT * FROM t", root -> root.getRowCount()).count(),
                client.update("DELETE FROM t"),
                client.prepared("SELECT ?", s -> s.query(1)).count(),
                client.inTransaction(tx -> tx.update("INSERT 1")),
                client.setSessionOptions(SessionOptions.builder().schema("main").build()).thenReturn("set"),
                client.catalogs().collectList(),
                client.sqlInfo(0),
                ingest,
                client.queryBatches("SELECT * FROM t").take(1).doOnNext(ArrowBatch::close).count());

        StepVerifier.create(all.subscribeOn(Schedulers.parallel()).publishOn(Schedulers.parallel(), 1))
                .expectNextCount(11)
                .verifyComplete();
        assertThat(server.auth().handshakes()).isEqualTo(2); // the client's own session and the transaction's
    }

    @Test
    void cancellingFromANonBlockingThread() {
        server.producer().register("SELECT * FROM wide", Dataset.wide(200, 1000, 100));

        StepVerifier.create(client.query("SELECT * FROM wide").publishOn(Schedulers.parallel(), 1)
                        .subscribeOn(Schedulers.parallel())
                        .take(10), 0)
                .thenRequest(10)
                .expectNextCount(10)
                .verifyComplete();
        StepVerifier.create(client.closeAsync()).verifyComplete();
    }
}
