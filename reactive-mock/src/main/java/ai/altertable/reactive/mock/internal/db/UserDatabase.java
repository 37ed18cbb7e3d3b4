package ai.altertable.reactive.mock.internal.db;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One user's DuckDB database, in memory or in its file ({@link DatabaseSettings}). Every request and every Flight
 * session gets its own connection from
 * {@link #connect()}, a {@code duplicate()} of the root connection: connections share the database's catalogs and data
 * but not their session state ({@code USE}, open transactions), so requests of one user run concurrently.
 *
 * <p>All JDBC work is blocking and must run on the mock's bounded database scheduler, never on a Netty event loop.
 */
public final class UserDatabase implements AutoCloseable {

    private final String username;
    private final DuckDBConnection root;

    /** An in-memory database with DuckDB's default settings. */
    public UserDatabase(String username) throws SQLException {
        this(username, DatabaseSettings.IN_MEMORY);
    }

    /** Opens the user's database: a new in-memory one, or the user's file, created if missing, reopened if not. */
    public UserDatabase(String username, DatabaseSettings settings) throws SQLException {
        this.username = username;
        Path file = settings.fileOf(username);
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new SQLException("cannot create " + file.getParent() + ": " + e, e);
            }
        }
        this.root = (DuckDBConnection) DriverManager.getConnection(settings.url(username), settings.properties());
    }

    /** The user this database belongs to. */
    public String username() {
        return username;
    }

    /** A new connection over this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return root.duplicate();
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
