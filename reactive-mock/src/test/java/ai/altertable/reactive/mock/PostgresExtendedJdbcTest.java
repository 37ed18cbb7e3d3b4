package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * pgjdbc in its default mode, the extended query protocol: prepared statements with parameters, server-prepared
 * statements after {@code prepareThreshold}, batches and transactions.
 */
class PostgresExtendedJdbcTest {

    private static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    static String url(String options) {
        return "jdbc:postgresql://127.0.0.1:" + mock.postgresPort() + "/memory" + options;
    }

    static Connection connect(String options) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "alice");
        p.setProperty("password", "s3cret-pw");
        return DriverManager.getConnection(url(options), p);
    }

    @Test
    void preparedStatementsWithParametersBeforeAndAfterTheServerPreparesThem() throws SQLException {
        try (Connection c = connect("?prepareThreshold=2");
             PreparedStatement ps = c.prepareStatement("SELECT $1::INTEGER + ? AS n, ? AS s".replace("$1", "?"))) {
            for (int i = 0; i < 5; i++) {
                ps.setInt(1, i);
                ps.setLong(2, 10);
                ps.setString(3, "x" + i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("n")).isEqualTo(i + 10);
                    assertThat(rs.getString("s")).isEqualTo("x" + i);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void batchInsertAndErrorsWithSqlStates() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch_t (i INTEGER PRIMARY KEY, s VARCHAR)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_t VALUES (?, ?)")) {
                for (int i = 0; i < 100; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "v" + i);
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).hasSize(100).containsOnly(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(i) FROM batch_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100);
                assertThat(rs.getLong(2)).isEqualTo(4950);
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            try (ResultSet rs = s.executeQuery("SELECT 'still here'")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void statementsAnsweredWithoutDuckDbWorkOverTheExtendedProtocol() throws SQLException {
        try (Connection c = connect("?prepareThreshold=-1")) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            try (PreparedStatement ps = c.prepareStatement("SHOW TRANSACTION ISOLATION LEVEL");
                 ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("repeatable read");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void jdbcDateTimeSettersWhoseTypeIsLeftToTheServer() throws SQLException {
        // pgjdbc sends setDate/setTime/setTimestamp with type 0 (unspecified) and a zone suffix
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE legacy_t (d DATE, t TIME, ts TIMESTAMP, tz TIMESTAMPTZ)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO legacy_t VALUES (?, ?, ?, ?)")) {
                ps.setDate(1, java.sql.Date.valueOf("2024-02-29"));
                ps.setTime(2, java.sql.Time.valueOf("12:34:56"));
                ps.setTimestamp(3, java.sql.Timestamp.valueOf("2024-01-02 03:04:05.5"));
                ps.setTimestamp(4, java.sql.Timestamp.from(java.time.Instant.parse("2024-01-02T03:04:05Z")));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT d, t, ts, tz FROM legacy_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDate(1)).isEqualTo(java.sql.Date.valueOf("2024-02-29"));
                assertThat(rs.getTime(2)).isEqualTo(java.sql.Time.valueOf("12:34:56"));
                assertThat(rs.getTimestamp(3)).isEqualTo(java.sql.Timestamp.valueOf("2024-01-02 03:04:05.5"));
                assertThat(rs.getTimestamp(4).toInstant()).isEqualTo(java.time.Instant.parse("2024-01-02T03:04:05Z"));
            }
        }
    }
}
