package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.TestSqlProducer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UpdateAndTransactionTest extends FlightTestSupport {

    @Test
    void updatesReportTheRowsTheyChanged() {
        server.producer().updateCount("INSERT INTO t VALUES (1), (2)", 2);
        server.producer().updateCount("CREATE TABLE t (a INT)", 0);

        StepVerifier.create(client.update("CREATE TABLE t (a INT)")).expectNext(0L).verifyComplete();
        StepVerifier.create(client.update("INSERT INTO t VALUES (1), (2)")).expectNext(2L).verifyComplete();
    }

    @Test
    void aFailedUpdateKeepsTheServersMessageAndIsNotRepeated() {
        StepVerifier.create(client.update("FAIL: constraint"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class).hasMessageContaining("Failed to execute query");
                    ApiException a = (ApiException) e;
                    assertThat(a.path()).isEqualTo("DoPut");
                    assertThat(a.status()).isEqualTo(13);
                    assertThat(a.operation()).isEqualTo("flightUpdate");
                    assertThat(a.isRetryable()).isFalse();
                })
                .verify(TIMEOUT);
        assertThat(server.producer().received("CommandStatementUpdate")).hasSize(1);
    }

    @Test
    void aTransactionCommitsWhenTheScopeCompletes_onASessionOfItsOwn() {
        StepVerifier.create(client.inTransaction(tx -> tx.update("INSERT 1")
                        .then(tx.update("INSERT 2"))
                        .map(n -> new String(tx.transactionId(), StandardCharsets.UTF_8))))
                .expectNext("tx-1")
                .verifyComplete();

        assertThat(server.producer().received()).extracting(r -> r.name() + " " + r.detail()).containsExactly(
                "BeginTransaction tx-1",
                "CommandStatementUpdate INSERT 1 tx=tx-1",
                "CommandStatementUpdate INSERT 2 tx=tx-1",
                "EndTransaction END_TRANSACTION_COMMIT tx-1");
        // the transaction's session shook hands for itself; the client's own session was never used
        assertThat(server.producer().received()).extracting(TestSqlProducer.Received::authorization)
                .containsOnly("Bearer tok-1");
        StepVerifier.create(client.update("INSERT 3")).expectNext(1L).verifyComplete();
        assertThat(server.producer().received()).last().extracting(TestSqlProducer.Received::authorization)
                .isEqualTo("Bearer tok-2");
    }

    @Test
    void aTransactionRollsBackWhenTheScopeFails_andTheOriginalErrorIsDelivered() {
        StepVerifier.create(client.inTransaction(tx -> tx.update("INSERT 1").then(tx.update("FAIL: conflict"))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiException.class)
                        .hasMessageContaining("FAIL: conflict"))
                .verify(TIMEOUT);

        assertThat(server.producer().received("EndTransaction")).singleElement()
                .extracting(TestSqlProducer.Received::detail).isEqualTo("END_TRANSACTION_ROLLBACK tx-1");
    }

    @Test
    void aTransactionRollsBackWhenTheSubscriptionIsCancelled() {
        server.producer().register("SELECT * FROM wide", Dataset.wide(200, 1000, 100));

        StepVerifier.create(client.inTransaction(tx -> tx.queryBatches("SELECT * FROM wide")), 1)
                .consumeNextWith(ArrowBatch::close)
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> !server.producer().received("EndTransaction").isEmpty());
        assertThat(server.producer().received("EndTransaction")).singleElement()
                .extracting(TestSqlProducer.Received::detail).isEqualTo("END_TRANSACTION_ROLLBACK tx-1");
        await().atMost(TIMEOUT).until(() -> client.allocatedMemory() == 0);
    }

    @Test
    void queriesInsideATransactionCarryItsId() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));

        StepVerifier.create(client.inTransaction(tx -> tx.query("SELECT 1").then(Mono.just("done"))))
                .expectNext("done")
                .verifyComplete();
        assertThat(server.producer().received("GetFlightInfo")).singleElement()
                .extracting(TestSqlProducer.Received::detail).isEqualTo("SELECT 1 tx=tx-1");
    }
}
