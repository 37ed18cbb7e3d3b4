package ai.altertable.reactive.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What drivers send besides plain SQL: session questions, transaction modes, catalog queries, implicit transactions. */
class PostgresClientQueriesTest {

    private static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static Connection alice() throws SQLException {
        return PostgresJdbcWireTest.connect(mock.postgresJdbcUrl("memory"), "alice", "s3cret-pw");
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void isolationLevelIsRepeatableReadAndTransactionModesAreAccepted() throws SQLException {
        try (Connection c = alice(); Statement s = c.createStatement()) {
            assertThat(one(s, "SHOW TRANSACTION ISOLATION LEVEL")).isEqualTo("repeatable read");
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(one(s, "SHOW transaction_read_only")).isEqualTo("off");
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            s.execute("CREATE TABLE modes (x INTEGER)");
            s.execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("INSERT INTO modes VALUES (1)");
            s.execute("ROLLBACK");
            s.execute("START TRANSACTION ISOLATION LEVEL READ COMMITTED, READ WRITE");
            s.execute("INSERT INTO modes VALUES (2)");
            s.execute("COMMIT");
            assertThat(one(s, "SELECT list(x) FROM modes")).isEqualTo("[2]");
        }
    }

    @Test
    void severalStatementsRunAsOneImplicitTransaction() throws SQLException {
        // one simple Query with several statements (in its default mode, pgjdbc sends each statement on its own)
        try (Connection c = PostgresJdbcWireTest.connect(mock.postgresJdbcUrl("memory") + "&preferQueryMode=simple",
                "alice", "s3cret-pw"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE implicit_tx (x INTEGER)");
            assertThatThrownBy(() -> s.execute("INSERT INTO implicit_tx VALUES (1); INSERT INTO implicit_tx VALUES ('x')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"));
            assertThat(one(s, "SELECT count(*) FROM implicit_tx")).isEqualTo("0");
            s.execute("INSERT INTO implicit_tx VALUES (1); INSERT INTO implicit_tx VALUES (2)");
            assertThat(one(s, "SELECT count(*) FROM implicit_tx")).isEqualTo("2");
            // with an explicit block in the string, its statements are on their own, as written
            assertThatThrownBy(() -> s.execute("INSERT INTO implicit_tx VALUES (3); BEGIN; INSERT INTO implicit_tx "
                    + "VALUES ('y'); COMMIT")).isInstanceOf(SQLException.class);
            s.execute("ROLLBACK");
            assertThat(one(s, "SELECT count(*) FROM implicit_tx")).isEqualTo("3");
        }
    }

    @Test
    void r2dbcTypeLookupsAnswer() throws SQLException {
        try (Connection c = alice(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT oid, * FROM pg_catalog.pg_type WHERE typname IN ('hstore',"
                    + " 'geometry', 'vector')")) {
                while (rs.next()) {
                    assertThat(rs.getObject("oid")).isNotNull();
                }
            }
            String lookup = "SELECT pg_type.oid, pg_type.*   FROM pg_catalog.pg_type   LEFT   JOIN (select ns.oid as"
                    + " nspoid, ns.nspname, r.r           from pg_namespace as ns           join ( select s.r,"
                    + " (current_schemas(false))[s.r] as nspname                    from generate_series(1,"
                    + " array_upper(current_schemas(false), 1)) as s(r) ) as r          using ( nspname )        ) as"
                    + " sp     ON sp.nspoid = typnamespace  WHERE typname = 'int4'  ORDER BY sp.r, pg_type.oid DESC"
                    + " LIMIT 1;";
            try (ResultSet rs = s.executeQuery(lookup)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("typname")).isEqualTo("int4");
            }
        }
    }

    @Test
    void databaseMetaDataListsTablesColumnsAndSchemas() throws SQLException {
        RawHttp http = new RawHttp(mock.baseUrl(), "Basic " + java.util.Base64.getEncoder().encodeToString(
                "alice:s3cret-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(http.sql("CREATE TABLE md_rest AS SELECT 1 AS id, 'a' AS label").status()).isEqualTo(200);
        try (Connection c = alice(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE md_sql (id INTEGER PRIMARY KEY, amount DOUBLE)");
            DatabaseMetaData md = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, null, "md_%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).containsExactlyInAnyOrder("md_rest", "md_sql");
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, null, "md_sql", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("TYPE_NAME")
                            + ":" + rs.getString("IS_NULLABLE"));
                }
            }
            assertThat(columns).containsExactly("id:" + java.sql.Types.INTEGER + ":int4:NO",
                    "amount:" + java.sql.Types.DOUBLE + ":float8:YES");
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = md.getPrimaryKeys(null, null, "md_sql")) {
                while (rs.next()) {
                    keys.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(keys).containsExactly("id");
            List<String> catalogs = new ArrayList<>();
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    catalogs.add(rs.getString("TABLE_CAT"));
                }
            }
            assertThat(catalogs).contains("memory");
            columns.clear();
            try (ResultSet rs = md.getColumns(null, null, "md_rest", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).containsExactly("id", "label");
            List<String> schemas = new ArrayList<>();
            try (ResultSet rs = md.getSchemas()) {
                while (rs.next()) {
                    schemas.add(rs.getString("TABLE_SCHEM"));
                }
            }
            assertThat(schemas).contains("main");
        }
    }
}
