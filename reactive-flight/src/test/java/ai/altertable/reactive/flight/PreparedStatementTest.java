package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.TestSqlProducer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The test server answers a prepared query of an unregistered SQL text with its bound parameters, "Type:value". */
class PreparedStatementTest extends FlightTestSupport {

    @Test
    void parametersAreBoundByPositionAndTheStatementIsClosedOnCompletion() {
        StepVerifier.create(client.prepared("SELECT ?, ?", statement -> statement.query(42L, "x"))
                        .map(row -> row.getString("value")))
                .expectNext("Int:42", "Utf8:x")
                .verifyComplete();

        assertThat(server.producer().openPreparedStatements()).isZero();
        assertThat(server.producer().received("ClosePreparedStatement")).singleElement()
                .extracting(TestSqlProducer.Received::authorization).isEqualTo("Bearer tok-1");
    }

    @Test
    void javaValuesAreSentInTypesTheAltertableServerReads() {
        StepVerifier.create(client.prepared("SELECT ?, ?, ?, ?, ?, ?, ?, ?", s -> s.query(true, 2.5,
                                LocalDate.of(2024, 3, 1), LocalDateTime.of(2024, 3, 1, 13, 45), new BigDecimal("1.50"), 7,
                                new byte[] {1, (byte) 0xAB}, Instant.parse("2024-03-01T13:45:00.5Z")))
                        .map(row -> row.getString(0)))
                .expectNext("Bool:true", "FloatingPoint:2.5", "Utf8:2024-03-01", "Utf8:2024-03-01 13:45:00.000000000",
                        "Utf8:1.50", "Int:7", "Utf8:\\x01\\xAB", "Utf8:2024-03-01 13:45:00.500000000+00")
                .verifyComplete();
        assertThat(server.producer().received("BindParameters")).hasSize(1);
    }

    @Test
    void eachExecutionBindsItsOwnParameters() {
        StepVerifier.create(client.prepared("SELECT ?", s -> s.query(1).concatWith(s.query(2)))
                        .map(row -> row.getString(0)))
                .expectNext("Int:1", "Int:2")
                .verifyComplete();
        assertThat(server.producer().received("CreatePreparedStatement")).hasSize(1);
    }

    @Test
    void severalParameterRowsAreOneBindAndOneExecutionEach_inOrder() {
        StepVerifier.create(client.prepared("SELECT ?, ?", s -> s.queryEach(List.of(List.of(1, "a"), List.of(2, "b"))))
                        .map(row -> row.getString(0)))
                .expectNext("Int:1", "Utf8:a", "Int:2", "Utf8:b")
                .verifyComplete();
        assertThat(server.producer().received("BindParameters")).extracting(TestSqlProducer.Received::detail)
                .containsExactly("Int:1,Utf8:a", "Int:2,Utf8:b");
        assertThat(server.producer().received("CreatePreparedStatement")).hasSize(1);
    }

    @Test
    void theScopeExposesTheAnnouncedSchemas() {
        server.producer().register("SELECT * FROM t WHERE id > ?", Dataset.counting(1, 1, 3));

        StepVerifier.create(client.prepared("SELECT * FROM t WHERE id > ?", s -> Flux.just(
                        s.resultSchema().getFields().get(0).getName(), s.parameterSchema().getFields().get(0).getName())))
                .expectNext("id", "parameter_1")
                .verifyComplete();
    }

    @Test
    void aNullParameterIsRefusedLocallyAndTheStatementStillClosed() {
        StepVerifier.create(client.prepared("SELECT ?", s -> s.query((Object) null)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("parameter 1 is null"))
                .verify(TIMEOUT);
        assertThat(server.producer().received("BindParameters")).isEmpty();
        assertThat(server.producer().openPreparedStatements()).isZero();
    }

    @Test
    void theStatementIsClosedWhenTheScopeFails() {
        IllegalStateException boom = new IllegalStateException("boom");

        StepVerifier.create(client.prepared("SELECT ?", s -> s.query("a").concatWith(Flux.error(boom))))
                .expectNextCount(1)
                .expectErrorMatches(e -> e == boom)
                .verify(TIMEOUT);
        assertThat(server.producer().openPreparedStatements()).isZero();
    }

    @Test
    void theStatementIsClosedWhenTheScopeIsCancelled() {
        server.producer().register("SELECT * FROM wide", Dataset.wide(200, 1000, 100));

        StepVerifier.create(client.prepared("SELECT * FROM wide", s -> s.queryBatches(List.of())), 1)
                .consumeNextWith(ArrowBatch::close)
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> server.producer().openPreparedStatements() == 0);
        await().atMost(TIMEOUT).until(() -> client.allocatedMemory() == 0);
        assertThat(server.producer().received("ClosePreparedStatement")).hasSize(1);
    }

    @Test
    void preparedUpdatesReportTheirCount_andCallbackScopedBatchesWork() {
        server.producer().register("SELECT * FROM t", Dataset.counting(1, 2, 5));

        StepVerifier.create(client.prepared("DELETE FROM t", s -> s.update()))
                .expectNext(1L)
                .verifyComplete();
        StepVerifier.create(client.prepared("UPDATE t SET x = ?", s -> s.update("a")))
                .expectNext(1L)
                .verifyComplete();
        StepVerifier.create(client.prepared("SELECT * FROM t", s -> s.queryBatches(List.of(), root -> root.getRowCount())))
                .expectNext(5, 5)
                .verifyComplete();
        StepVerifier.create(client.prepared("SELECT * FROM t", s -> s.query()).map((Row r) -> r.getLong("id")))
                .expectNext(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)
                .verifyComplete();
        assertThat(server.producer().openPreparedStatements()).isZero();
    }
}
