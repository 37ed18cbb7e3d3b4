package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient.PreparedStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another user's session, prepared statement and tickets over Flight: what Alice creates stays hers even when Bob
 * names her session id or replays her tickets; each attempt fails with a documented status and the server keeps
 * serving both. (Over REST the same is covered by {@code IsolationAndConcurrencyWireTest}.)
 */
class FlightCrossUserTest extends FlightTestBase {

    private static final String SECRET = "alice-only-7f3a";

    @Test
    void namingAnotherUsersSessionIdGivesYourOwnSession() {
        FlightTestClient alice = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD + ":shared-id"));
        alice.update("CREATE TEMP TABLE alice_temp AS SELECT '" + SECRET + "' AS secret");
        FlightTestClient bob = clientWithHeader(FlightTestClient.basic("bob:pw:shared-id"));

        assertThat(bob.query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'alice_temp'"))
                .containsExactly(List.of(0L));
        FlightRuntimeException e = failure(FlightStatusCode.INTERNAL, () -> bob.query("SELECT * FROM alice_temp"));
        assertThat(e.getMessage()).contains("alice_temp does not exist").doesNotContain(SECRET);
        assertThat(alice.query("SELECT secret FROM alice_temp")).containsExactly(List.of(SECRET));
    }

    @Test
    void anotherUsersPreparedStatementIsNotFound() throws Exception {
        FlightTestClient alice = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD + ":prep-id"));
        FlightTestClient bob = clientWithHeader(FlightTestClient.basic("bob:pw:prep-id"));
        try (PreparedStatement prepared = alice.sql.prepare("SELECT '" + SECRET + "' AS secret")) {
            FlightInfo info = prepared.execute();
            Ticket ticket = info.getEndpoints().get(0).getTicket();
            FlightRuntimeException e = failure(FlightStatusCode.NOT_FOUND, () -> bob.rows(new FlightInfo(
                    info.getSchema(), info.getDescriptor(), List.of(new FlightEndpoint(ticket)), -1, -1)));
            assertThat(e.getMessage()).isEqualTo("Prepared statement not found");
            assertThat(failure(FlightStatusCode.INVALID_ARGUMENT, () -> bob.flight.getInfo(info.getDescriptor()))
                    .getMessage()).doesNotContain(SECRET);
            assertThat(alice.rows(info)).containsExactly(List.of(SECRET));
        }
    }

    @Test
    void anotherUsersStatementTicketRunsInYourOwnDatabase() {
        FlightTestClient alice = client();
        alice.update("CREATE OR REPLACE TABLE alice_rows AS SELECT '" + SECRET + "' AS secret");
        FlightInfo info = alice.sql.execute("SELECT secret FROM alice_rows");
        FlightTestClient bob = track(FlightTestClient.connect(mock, allocator, "bob", "pw"));

        // the ticket carries the SQL, which runs as Bob, in Bob's database: the mock's statement error
        FlightRuntimeException e = failure(FlightStatusCode.INVALID_ARGUMENT, () -> bob.rows(info));
        assertThat(e.getMessage()).isEqualTo("Failed to query arrow");
        // and the server still serves both
        assertThat(alice.rows(info)).containsExactly(List.of(SECRET));
        assertThat(bob.query("SELECT 1")).containsExactly(List.of(1));
    }

    @Test
    void aWrongPasswordForAnExistingSessionIsUnauthenticated() {
        FlightTestClient alice = clientWithHeader(FlightTestClient.basic(USER + ":" + PASSWORD + ":guarded"));
        alice.update("CREATE TEMP TABLE guarded_temp AS SELECT 1 AS x");
        FlightTestClient intruder = clientWithHeader(FlightTestClient.basic(USER + ":wrong:guarded"));
        failure(FlightStatusCode.UNAUTHENTICATED, () -> intruder.query("SELECT x FROM guarded_temp"));
        assertThat(alice.query("SELECT x FROM guarded_temp")).containsExactly(List.of(1));
    }
}
