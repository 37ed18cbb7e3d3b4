package ai.altertable.reactive.mock.flight;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance with a second, independent Flight SQL client: Arrow's JDBC driver (shaded, with its own gRPC and Netty),
 * which does its own Handshake and sends the Bearer token it gets back.
 */
class FlightJdbcDriverTest extends FlightTestBase {

    @Test
    void theJdbcDriverQueriesAndListsTables() throws Exception {
        client().update("CREATE TABLE IF NOT EXISTS jdbc_visible (id INTEGER, label VARCHAR)");
        client().update("INSERT INTO jdbc_visible VALUES (1, 'one'), (2, 'two')");
        String url = "jdbc:arrow-flight-sql://127.0.0.1:" + mock.flightPort() + "?useEncryption=false&user=" + USER
                + "&password=" + PASSWORD;
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id, label FROM jdbc_visible ORDER BY id")) {
                List<String> seen = new ArrayList<>();
                while (rows.next()) {
                    seen.add(rows.getInt(1) + ":" + rows.getString(2));
                }
                assertThat(seen).containsExactly("1:one", "2:two");
            }
            DatabaseMetaData metadata = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = metadata.getTables(null, null, "jdbc_%", null)) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_CAT") + "." + rows.getString("TABLE_SCHEM") + "."
                            + rows.getString("TABLE_NAME") + " " + rows.getString("TABLE_TYPE"));
                }
            }
            assertThat(tables).containsExactly("memory.main.jdbc_visible BASE TABLE");
        }
    }
}
