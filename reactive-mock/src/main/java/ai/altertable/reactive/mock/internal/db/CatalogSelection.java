package ai.altertable.reactive.mock.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * The {@code catalog}/{@code schema} request fields: {@code USE <catalog>} then {@code USE <schema>} on the request's
 * connection, with the names unquoted (only {@code "} doubled), as the official mock does, so names that need
 * quoting fail with DuckDB's parser error. Each request has its own connection, so the selection is not sticky.
 */
public final class CatalogSelection {

    private CatalogSelection() {
    }

    /** Applies {@code catalog} then {@code schema}; null ones are skipped. */
    public static void use(Connection connection, String catalog, String schema) throws SQLException {
        use(connection, catalog, s -> { });
        use(connection, schema, s -> { });
    }

    /** {@code USE <name>}; {@code running} sees the statement first, so that it can be interrupted. */
    public static void use(Connection connection, String name, Consumer<Statement> running) throws SQLException {
        if (name == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            running.accept(s);
            s.execute("USE " + name.replace("\"", "\"\""));
        }
    }
}
