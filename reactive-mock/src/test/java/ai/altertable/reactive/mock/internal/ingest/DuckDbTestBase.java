package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.mock.internal.db.UserDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh in-memory user database per test, a connection to it, a temporary directory for request bodies, and
 * shortcuts to run SQL and read a table back as {@code "a|b|c"} strings (NULL as {@code null}).
 */
abstract class DuckDbTestBase {

    @TempDir
    Path dir;

    UserDatabase database;
    Connection connection;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = new UserDatabase("t");
        connection = database.connect();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        connection.close();
        database.close();
    }

    /** Runs statements, each on its own. */
    void sql(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The rows of {@code query}, each as its columns' text joined by {@code |}. */
    List<String> rows(String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    /** Whether a table of that name exists in {@code memory.main} (or the given schema). */
    boolean tableExists(String schema, String table) throws SQLException {
        return !rows("SELECT 1 FROM duckdb_tables() WHERE schema_name = '" + schema + "' AND table_name = '" + table
                + "'").isEmpty();
    }

    /** Writes a request body. */
    Path file(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the rows of {@code query} as a Parquet file with DuckDB itself. */
    Path parquet(String name, String query) throws IOException, SQLException {
        Path path = dir.resolve(name);
        sql("COPY (" + query + ") TO " + SqlQuoting.literal(path.toString()) + " (FORMAT parquet)");
        return path;
    }
}
