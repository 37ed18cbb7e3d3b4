package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.TestSqlProducer;
import ai.altertable.reactive.flight.testserver.TokenAuth;
import org.apache.arrow.flight.FlightMethod;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuthenticationTest extends FlightTestSupport {

    @Test
    void concurrentFirstCallsShareOneHandshake() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));

        StepVerifier.create(Flux.range(0, 8).flatMap(i -> client.query("SELECT 1")))
                .expectNextCount(8)
                .verifyComplete();
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();

        assertThat(server.auth().handshakes()).isEqualTo(1);
        List<TokenAuth.Seen> calls = server.auth().calls();
        assertThat(calls.get(0).method()).isEqualTo(FlightMethod.HANDSHAKE);
        assertThat(calls.get(0).authorization()).isEqualTo(server.credentials().authorizationHeader());
        assertThat(calls.subList(1, calls.size())).extracting(TokenAuth.Seen::authorization).containsOnly("Bearer tok-1");
    }

    @Test
    void everyCallCarriesTheToken_includingPreparedCloseCancelsAndSessionActions() {
        server.producer().register("SELECT * FROM big", Dataset.counting(1, 50, 1000));

        StepVerifier.create(client.prepared("SELECT ?", s -> s.query("x")))
                .expectNextCount(1)
                .verifyComplete();
        StepVerifier.create(client.setSessionOptions(SessionOptions.builder().catalog("memory").build()))
                .verifyComplete();
        StepVerifier.create(client.queryBatches("SELECT * FROM big").take(1).doOnNext(ArrowBatch::close))
                .expectNextCount(1)
                .verifyComplete();
        await().atMost(TIMEOUT).until(() -> !server.producer().received("CancelQuery").isEmpty());

        TestSqlProducer producer = server.producer();
        assertThat(producer.received("ClosePreparedStatement")).hasSize(1);
        assertThat(producer.received("CancelFlightInfo")).hasSize(1);
        assertThat(producer.received("CancelQuery")).hasSize(1);
        assertThat(producer.received()).extracting(TestSqlProducer.Received::authorization).containsOnly("Bearer tok-1");
        assertThat(server.auth().calls()).filteredOn(c -> c.method() != FlightMethod.HANDSHAKE)
                .extracting(TokenAuth.Seen::authorization).containsOnly("Bearer tok-1");
        assertThat(server.auth().handshakes()).isEqualTo(1);
    }

    @Test
    void aTokenSentInAnyResponseReplacesTheCurrentOne() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();

        server.auth().rotateOnNextCall(); // the next GetFlightInfo answers with tok-2
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();
        StepVerifier.create(client.update("DELETE FROM t")).expectNext(1L).verifyComplete();

        List<TokenAuth.Seen> calls = server.auth().calls();
        assertThat(calls).extracting(TokenAuth.Seen::authorization).containsExactly(
                server.credentials().authorizationHeader(),
                "Bearer tok-1", "Bearer tok-1", // first query
                "Bearer tok-1", "Bearer tok-2", // GetFlightInfo that rotated, then its DoGet
                "Bearer tok-2");                // the update
        assertThat(server.auth().handshakes()).isEqualTo(1);
    }

    @Test
    void unauthenticatedCausesOneHandshakeAndARepeatOfAReadOnlyQuery() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();

        server.auth().revokeAll();
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();

        assertThat(server.auth().handshakes()).isEqualTo(2);
        assertThat(server.auth().calls()).last().extracting(TokenAuth.Seen::authorization).isEqualTo("Bearer tok-2");
    }

    @Test
    void aWriteRejectedAsUnauthenticatedIsNotRepeated_butTheSessionRecovers() {
        StepVerifier.create(client.update("INSERT INTO t VALUES (1)")).expectNext(1L).verifyComplete();

        server.auth().revokeAll();
        StepVerifier.create(client.update("INSERT INTO t VALUES (2)"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AuthenticationException.class)
                        .satisfies(a -> assertThat(((AuthenticationException) a).status()).isEqualTo(16)))
                .verify(TIMEOUT);
        StepVerifier.create(client.update("INSERT INTO t VALUES (3)")).expectNext(1L).verifyComplete();

        assertThat(server.auth().handshakes()).isEqualTo(2);
        assertThat(server.producer().received("CommandStatementUpdate")).extracting(TestSqlProducer.Received::detail)
                .containsExactly("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (3)");
    }

    @Test
    void handshakesAgainOnlyOnce() {
        server.producer().register("SELECT 1", Dataset.counting(1, 1, 1));
        StepVerifier.create(client.query("SELECT 1")).expectNextCount(1).verifyComplete();

        server.auth().rejectEveryToken();
        StepVerifier.create(client.query("SELECT 1"))
                .expectError(AuthenticationException.class)
                .verify(TIMEOUT);

        assertThat(server.auth().handshakes()).isEqualTo(2);
    }

    @Test
    void wrongPasswordFailsTheHandshake() {
        try (LakehouseFlightClient wrong = LakehouseFlightClient.create(options()
                .credentials(Credentials.basic(ai.altertable.reactive.flight.testserver.TestFlightServer.USER, "wrong")).build())) {
            StepVerifier.create(wrong.query("SELECT 1"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AuthenticationException.class);
                        AuthenticationException a = (AuthenticationException) e;
                        assertThat(a.path()).isEqualTo("Handshake");
                        assertThat(a.method()).isEqualTo("RPC");
                        assertThat(a.status()).isEqualTo(16);
                        assertThat(a.getMessage()).doesNotContain("wrong");
                    })
                    .verify(TIMEOUT);
        }
        assertThat(server.auth().handshakes()).isZero();
    }
}
