package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.testserver.Dataset;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTest extends FlightTestSupport {

    @Test
    void rowsOfEveryEndpointInOrder() {
        server.producer().register("SELECT * FROM t", Dataset.counting(3, 2, 5));

        List<Row> rows = client.query("SELECT * FROM t").collectList().block(TIMEOUT);

        assertThat(rows).extracting(r -> r.getLong("id")).containsExactlyElementsOf(
                LongStream.range(0, 30).boxed().toList());
        assertThat(rows.get(7).getString("name")).isEqualTo("row-7");
        assertThat(rows.get(0).metadata().column(0).typeName()).isEqualTo("BIGINT");
        assertThat(server.producer().received("DoGet")).extracting(r -> r.detail())
                .containsExactly("SELECT * FROM t#0", "SELECT * FROM t#1", "SELECT * FROM t#2");
    }

    @Test
    void ownedBatchesAreClosedBySubscriber() {
        server.producer().register("SELECT * FROM t", Dataset.counting(1, 4, 100));

        StepVerifier.create(client.queryBatches("SELECT * FROM t").map(batch -> {
                    try (batch) {
                        assertThat(client.allocatedMemory()).isPositive();
                        return ((BigIntVector) batch.root().getVector("id")).get(0);
                    }
                }))
                .expectNext(0L, 100L, 200L, 300L)
                .verifyComplete();
    }

    @Test
    void callbackScopedBatches() {
        server.producer().register("SELECT * FROM t", Dataset.counting(2, 2, 10));

        StepVerifier.create(client.queryBatches("SELECT * FROM t", root -> root.getRowCount()))
                .expectNext(10, 10, 10, 10)
                .verifyComplete();
    }
}
