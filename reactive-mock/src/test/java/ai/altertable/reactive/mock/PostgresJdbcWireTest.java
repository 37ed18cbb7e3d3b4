package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Postgres wire endpoint driven by the real pgjdbc driver in its default mode (the extended query protocol), with
 * the SCRAM-SHA-256 authentication the embedded mock asks for; {@link PostgresJdbcSimpleModeWireTest} runs the same tests over the simple
 * query protocol ({@code preferQueryMode=simple}).
 */
class PostgresJdbcWireTest {


    private static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").user("bob", "other-pw").withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    /** The URL the tests connect with: {@link AltertableMock#postgresJdbcUrl}'s. */
    String url(String database) {
        return mock.postgresJdbcUrl(database);
    }

    private Connection alice() throws SQLException {
        return connect(url("memory"), "alice", "s3cret-pw");
    }

    @Test
    void scramLoginAndSimpleQuery() throws SQLException {
        try (Connection c = alice(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(rs.next()).isFalse();
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("16.0");
        }
    }

    @Test
    void wrongPasswordIs28P01() {
        assertThatThrownBy(() -> connect(url("memory"), "alice", "wrong").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> connect(url("memory"), "nobody", "s3cret-pw").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void unknownDatabaseIs3D000() {
        assertThatThrownBy(() -> connect(url("no_such_catalog"), "alice", "s3cret-pw").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3D000"));
    }

    @Test
    void tableWrittenOverRestIsVisibleOverPostgresAndBack() throws SQLException {
        RawHttp http = new RawHttp(URI_OF(mock), basic("alice", "s3cret-pw"));
        assertThat(http.sql("CREATE TABLE from_rest AS SELECT 7 AS n, 'seven' AS s").status()).isEqualTo(200);
        try (Connection c = alice(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT n, s FROM from_rest")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("n")).isEqualTo(7);
                assertThat(rs.getString("s")).isEqualTo("seven");
            }
            assertThat(s.executeUpdate("CREATE TABLE from_pg (x INTEGER)")).isZero();
            assertThat(s.executeUpdate("INSERT INTO from_pg VALUES (1), (2), (3)")).isEqualTo(3);
        }
        assertThat(http.sql("SELECT sum(x) AS total FROM from_pg").body()).contains("6");
        // another user's database is another database
        try (Connection c = connect(url("memory"), "bob", "other-pw"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM from_pg"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
        }
    }

    private static java.net.URI URI_OF(AltertableMock m) {
        return m.baseUrl();
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void typesRoundTripInTextFormatWithTheirOids() throws SQLException {
        String sql = "SELECT 1::SMALLINT AS i2, 2::INTEGER AS i4, 3::BIGINT AS i8, 1.5::FLOAT AS f4, 2.25::DOUBLE AS f8,"
                + " 12.345::DECIMAL(10,3) AS num, true AS b, 'héllo'::VARCHAR AS v, '\\x01\\xff'::BLOB AS by,"
                + " DATE '2024-02-29' AS d, TIME '12:34:56.5' AS t, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,"
                + " TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz, '550e8400-e29b-41d4-a716-446655440000'::UUID AS u,"
                + " INTERVAL 3 DAY AS iv, [1, 2] AS other, NULL::INTEGER AS nothing";
        try (Connection c = alice(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                types.add(md.getColumnTypeName(i));
            }
            assertThat(types).containsExactly("int2", "int4", "int8", "float4", "float8", "numeric", "bool", "varchar",
                    "bytea", "date", "time", "timestamp", "timestamptz", "uuid", "interval", "text", "int4");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getShort("i2")).isEqualTo((short) 1);
            assertThat(rs.getInt("i4")).isEqualTo(2);
            assertThat(rs.getLong("i8")).isEqualTo(3L);
            assertThat(rs.getFloat("f4")).isEqualTo(1.5f);
            assertThat(rs.getDouble("f8")).isEqualTo(2.25);
            assertThat(rs.getBigDecimal("num")).isEqualByComparingTo(new BigDecimal("12.345"));
            assertThat(rs.getBoolean("b")).isTrue();
            assertThat(rs.getString("v")).isEqualTo("héllo");
            assertThat(rs.getBytes("by")).containsExactly(1, (byte) 0xff);
            assertThat(rs.getObject("d", java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
            assertThat(rs.getObject("t", java.time.LocalTime.class)).isEqualTo(java.time.LocalTime.of(12, 34, 56, 500_000_000));
            assertThat(rs.getObject("ts", java.time.LocalDateTime.class))
                    .isEqualTo(java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
            assertThat(rs.getObject("tz", java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(java.time.Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(rs.getObject("u")).isEqualTo(java.util.UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
            assertThat(rs.getString("iv")).contains("3 day");
            assertThat(rs.getString("other")).isEqualTo("[1, 2]");
            assertThat(rs.getObject("nothing")).isNull();
        }
    }

    @Test
    void errorsCarrySqlStatesAndTheConnectionGoesOn() throws SQLException {
        try (Connection c = alice(); Statement s = c.createStatement()) {
            assertState(s, "SELECT * FROM no_such_table", "42P01");
            assertState(s, "SELEKT 1", "42601");
            assertState(s, "SELECT 'abc'::INTEGER", "22P02");
            try (ResultSet rs = s.executeQuery("SELECT 'still here'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    private static void assertState(Statement s, String sql, String state) {
        assertThatThrownBy(() -> s.execute(sql))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
    }

    @Test
    void severalStatementsInOneString() throws SQLException {
        try (Connection c = alice(); Statement s = c.createStatement()) {
            assertThat(s.execute("CREATE TABLE multi (x INTEGER); INSERT INTO multi VALUES (1), (2); "
                    + "SELECT count(*) FROM multi; SELECT 'a;b' AS semi")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a;b");
            }
        }
    }

    @Test
    void transactionsCommitAndRollBack() throws SQLException {
        try (Connection c = alice(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tx_t (x INTEGER)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO tx_t VALUES (1)");
            c.rollback();
            s.execute("INSERT INTO tx_t VALUES (2)");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT list(x) FROM tx_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("[2]");
            }
        }
    }
}
