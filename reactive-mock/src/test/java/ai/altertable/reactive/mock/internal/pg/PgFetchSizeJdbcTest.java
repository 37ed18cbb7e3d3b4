package ai.altertable.reactive.mock.internal.pg;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.MockRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * pgjdbc's {@code setFetchSize} with autocommit off, in its default (extended) mode: each round trip is an Execute with
 * a row limit answered by PortalSuspended, so the server holds no more than a fetch ahead of the client, and the
 * result ends when the client stops (closes the ResultSet or the connection).
 */
class PgFetchSizeJdbcTest {

    private static final int FETCH = 1000;
    private static MockRuntime runtime;
    private static PgServer server;

    @BeforeAll
    static void start() {
        runtime = new MockRuntime(Map.of("alice", "pw-alice"), 2, ColumnShape.TYPED);
        server = new PgServer(runtime, "127.0.0.1", 0, PgServer.Authentication.CLEARTEXT);
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "pw-alice");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/memory", p);
    }

    @Test
    void tenMillionRowsAreFetchedAFetchAheadOfTheClientAtMost() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(FETCH);
            long before = server.rowsFetched();
            long read = 0;
            long widestGap = 0;
            try (ResultSet rs = s.executeQuery("SELECT i FROM range(10000000) t(i)")) {
                while (rs.next()) { // plain checks: ten million AssertJ assertions would be most of the test's time
                    if (rs.getLong(1) != read) {
                        throw new AssertionError("row " + read + " read as " + rs.getLong(1));
                    }
                    read++;
                    widestGap = Math.max(widestGap, server.rowsFetched() - before - read);
                }
            }
            c.commit();
            assertThat(read).isEqualTo(10_000_000L);
            // observed after every row: the server fetched at most the rest of the current fetch beyond the client
            assertThat(widestGap).isLessThan(FETCH);
            assertThat(server.rowsFetched() - before).isEqualTo(10_000_000L);
            assertThat(server.openResults()).isZero();
        }
    }

    @Test
    void closingTheResultSetEndsTheResultOnTheServer() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(FETCH);
            long before = server.rowsFetched();
            ResultSet rs = s.executeQuery("SELECT i FROM range(10000000) t(i)");
            for (int i = 0; i < 5_500; i++) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(server.openResults()).isEqualTo(1);
            rs.close();
            c.commit(); // pgjdbc sends the portal's Close with its next message at the latest
            assertThat(server.openResults()).isZero();
            long fetched = server.rowsFetched() - before;
            assertThat(fetched).isEqualTo(6_000L); // six fetches of 1,000, not one more row
            try (ResultSet again = s.executeQuery("SELECT 1")) {
                assertThat(again.next()).isTrue();
            }
            assertThat(server.rowsFetched() - before).isEqualTo(6_001L);
        }
    }

    @Test
    void closingTheConnectionEndsTheResultOnTheServer() throws SQLException {
        long before = server.rowsFetched();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(FETCH);
            ResultSet rs = s.executeQuery("SELECT i FROM range(10000000) t(i)");
            for (int i = 0; i < 2_500; i++) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(server.openResults()).isEqualTo(1);
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> server.openResults() == 0);
        assertThat(server.rowsFetched() - before).isEqualTo(3_000L);
    }
}
