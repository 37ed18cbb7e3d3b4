package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Updates (protocol §8): run at once, the changed-row count, DuckDB's text on failure. */
class FlightUpdateTest extends FlightTestBase {

    @Test
    void updatesAnswerTheChangedRowCount() {
        FlightTestClient client = client();
        assertThat(client.update("CREATE TABLE counts (id INTEGER, name VARCHAR)")).isZero();
        assertThat(client.update("INSERT INTO counts VALUES (1, 'a'), (2, 'b')")).isEqualTo(2);
        assertThat(client.update("UPDATE counts SET name = 'c' WHERE id = 2")).isEqualTo(1);
        assertThat(client.update("UPDATE counts SET name = 'z' WHERE id = 99")).isZero();
        assertThat(client.update("DELETE FROM counts WHERE id = 99")).isZero();
        assertThat(client.update("DELETE FROM counts WHERE id = 1")).isEqualTo(1);
        assertThat(client.update("SELECT 42")).isZero();
        assertThat(client.update("DROP TABLE counts")).isZero();
    }

    @Test
    void aFailedUpdateIsInternalWithDuckDbsText() {
        FlightTestClient client = client();
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.update("INSERT INTO nowhere VALUES (1)"))
                .getMessage()).startsWith("Failed to execute query: Catalog Error: Table with name nowhere does not exist");
        assertThat(failure(FlightStatusCode.INTERNAL, () -> client.update("SELECT 1; SELECT 2")).getMessage())
                .isEqualTo("Failed to execute query: Invalid Input Error: Cannot prepare multiple statements at once!");
    }

    @Test
    void tablesAreSharedBySessionsOfAUserButNotAcrossUsers() throws Exception {
        FlightTestClient alice = client();
        alice.update("CREATE TABLE shared_by_alice AS SELECT 1 AS x");
        assertThat(client().query("SELECT x FROM shared_by_alice")).containsExactly(List.of(1));
        FlightTestClient bob = track(FlightTestClient.connect(mock, allocator, "bob", "pw"));
        failure(FlightStatusCode.INTERNAL, () -> bob.sql.execute("SELECT x FROM shared_by_alice"));
    }
}
