package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.internal.pg.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.r2dbc.spi.Connection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Demand reaches the server: a 10M-row query read with a fetch size of 100 makes the mock read from DuckDB only a
 * bounded number of rows beyond what the subscriber asked for; cancelling closes the connection, the mock stops, and
 * the client serves the next query. Paranoid leak detection fails these tests if a row dropped by the cancel is not
 * released (the client's discard hook).
 */
class DemandAndCancelTest {

    static final int FETCH_SIZE = 100;
    static final String TEN_MILLION = "SELECT range AS id, 'row ' || range AS label FROM range(10000000)";
    /**
     * Rows the server may have read beyond those delivered: the fetch being delivered plus the next one, which the
     * driver asks for as soon as the rows before its {@code PortalSuspended} have left its message handler (its
     * operators prefetch messages ahead of the subscriber's demand: up to 256 rows in its result window).
     */
    static final long READ_AHEAD_BOUND = 2L * FETCH_SIZE + 256 + FETCH_SIZE;

    static AltertableMock mock;
    static PgServer server;
    static LakehousePostgresClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
        server = MockPostgres.server(mock);
        client = LakehousePostgresClient.create(MockPostgres.options(mock).fetchSize(FETCH_SIZE).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    @Test
    void theServerReadsOnlyWhatIsAskedForPlusABoundedFetchAhead() {
        long before = server.rowsFetched();
        StepVerifier.create(client.query(TEN_MILLION), 0)
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> {
                    // the first Execute is served in full: wait for it, then the server must have stopped near it
                    await().atMost(Duration.ofMinutes(1)).until(() -> server.rowsFetched() - before >= FETCH_SIZE);
                    System.out.println("measured: 10 rows delivered, server fetched " + (server.rowsFetched() - before));
                    assertThat(server.rowsFetched() - before).isLessThanOrEqualTo(10 + READ_AHEAD_BOUND);
                })
                .thenRequest(5_000)
                .expectNextCount(5_000)
                .then(() -> {
                    System.out.println("measured: 5010 rows delivered, server fetched " + (server.rowsFetched() - before));
                    assertThat(server.rowsFetched() - before).isLessThanOrEqualTo(5_010 + READ_AHEAD_BOUND);
                })
                .thenCancel()
                .verify(Duration.ofMinutes(1));
        await().atMost(Duration.ofMinutes(1)).until(() -> client.openConnections() == 0 && server.connections() == 0);
    }

    @Test
    void cancelClosesTheConnectionTheServerStopsAndTheClientGoesOn() {
        long before = server.rowsFetched();
        StepVerifier.create(client.query(TEN_MILLION).map(row -> row.getLong("id")).take(1_234), 0)
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(1_234)
                .verifyComplete();
        await().atMost(Duration.ofMinutes(1)).until(() -> client.openConnections() == 0 && server.connections() == 0
                && server.openResults() == 0);
        long stopped = server.rowsFetched() - before;
        System.out.println("measured: cancelled after 1234 rows, server fetched " + stopped);
        assertThat(stopped).isLessThanOrEqualTo(1_234 + READ_AHEAD_BOUND);
        StepVerifier.create(client.query("SELECT 42 AS n").map(row -> row.getInt("n")))
                .expectNext(42)
                .verifyComplete();
        // nothing more of the cancelled query: only the next connection's rows (SELECT 42, and the driver's
        // connect-time SHOW TRANSACTION ISOLATION LEVEL when the mock answers it from DuckDB)
        assertThat(server.rowsFetched() - before).isLessThanOrEqualTo(stopped + 2);
    }

    @Test
    void onAConnectionThatStaysOpenTheDriverClosesThePortalAndTheConnectionGoesOn() {
        Connection connection = Mono.from(client.connectionFactory().create()).block(Duration.ofMinutes(1));
        try {
            long before = server.rowsFetched();
            Flux<Long> ids = Flux.from(connection.createStatement(TEN_MILLION).execute())
                    .concatMap(result -> result.map((row, metadata) -> row.get(0, Long.class)));
            StepVerifier.create(ids.take(10)).expectNextCount(10).verifyComplete();
            // queued behind the cancelled statement: it runs once the driver has closed the portal (Close, Sync)
            StepVerifier.create(Flux.from(connection.createStatement("SELECT 42 AS n").execute())
                            .concatMap(result -> result.map((row, metadata) -> row.get("n", Integer.class))))
                    .expectNext(42)
                    .verifyComplete();
            assertThat(server.openResults()).isZero();
            long fetched = server.rowsFetched() - before;
            System.out.println("measured: driver cancel on an open connection after 10 rows, server fetched " + fetched);
            assertThat(fetched).isLessThanOrEqualTo(10 + READ_AHEAD_BOUND + 1);
        } finally {
            Mono.from(connection.close()).block(Duration.ofMinutes(1));
        }
    }

    @Test
    void readsTheWholeResultInFetches() {
        StepVerifier.create(client.query("SELECT range AS id FROM range(25000)").map((Row row) -> row.getLong(0)))
                .expectNextCount(25_000)
                .verifyComplete();
    }
}
