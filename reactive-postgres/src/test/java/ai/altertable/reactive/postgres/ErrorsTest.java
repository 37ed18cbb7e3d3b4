package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Server errors and connection failures arrive as the core exceptions, with the SQLSTATE, without secrets. */
class ErrorsTest {

    static AltertableMock mock;
    static LakehousePostgresClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
        client = LakehousePostgresClient.create(MockPostgres.options(mock).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorWithoutThePassword() {
        String wrong = "wrong-pw-4711";
        try (LakehousePostgresClient bad = LakehousePostgresClient.create(MockPostgres.options(mock)
                .credentials(Credentials.basic("alice", wrong)).build())) {
            StepVerifier.create(bad.query("SELECT 1"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AuthenticationException.class);
                        assertThat(((AuthenticationException) e).path()).isEqualTo("28P01");
                        assertThat(((AuthenticationException) e).method()).isEqualTo("PG");
                        assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain("s3cret-pw");
                    })
                    .verify();
            assertThat(bad.openConnections()).isZero();
        }
    }

    @Test
    void unknownDatabaseIsNotFound() {
        try (LakehousePostgresClient other = LakehousePostgresClient.create(MockPostgres.options(mock)
                .plaintext(mock.postgresUri().getHost(), mock.postgresPort(), "no_such_catalog").build())) {
            StepVerifier.create(other.query("SELECT 1"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(NotFoundException.class);
                        assertThat(((NotFoundException) e).path()).isEqualTo("3D000");
                    })
                    .verify();
        }
    }

    @Test
    void missingTableIsNotFound() {
        StepVerifier.create(client.query("SELECT * FROM no_such_table"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(NotFoundException.class);
                    assertThat(((NotFoundException) e).path()).isEqualTo("42P01");
                    assertThat(((NotFoundException) e).bodyExcerpt()).contains("no_such_table");
                    assertThat(((NotFoundException) e).operation()).isEqualTo("query");
                })
                .verify();
        assertThat(client.openConnections()).isZero();
    }

    @Test
    void syntaxErrorIsABadRequest() {
        StepVerifier.create(client.query("SELEC 1"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BadRequestException.class);
                    assertThat(((BadRequestException) e).path()).isEqualTo("42601");
                    assertThat(((BadRequestException) e).bodyExcerpt()).contains("SELEC");
                })
                .verify();
    }

    @Test
    void aTlsClientNeverFallsBackToPlaintext() {
        // the mock answers the SSLRequest with N: the default (verify-full) must refuse to go on. r2dbc-postgresql
        // closes the channel, and reports the closed channel rather than its reason: a NetworkException.
        try (LakehousePostgresClient tls = LakehousePostgresClient.create(MockPostgres.options(mock)
                .endpoint("postgresql://" + mock.postgresUri().getHost() + ":" + mock.postgresPort() + "/memory")
                .build())) {
            assertThat(tls.options().isTls()).isTrue();
            StepVerifier.create(tls.query("SELECT 1"))
                    .expectError(NetworkException.class)
                    .verify();
            assertThat(tls.openConnections()).isZero();
        }
    }

    @Test
    void nothingListeningIsANetworkError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (LakehousePostgresClient nowhere = LakehousePostgresClient.create(MockPostgres.options(mock)
                .plaintext("127.0.0.1", port, "memory").build())) {
            StepVerifier.create(nowhere.query("SELECT 1"))
                    .expectError(NetworkException.class)
                    .verify();
            assertThat(nowhere.openConnections()).isZero();
        }
    }
}
