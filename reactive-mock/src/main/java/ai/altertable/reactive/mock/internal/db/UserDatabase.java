package ai.altertable.reactive.mock.internal.db;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One user's in-memory DuckDB database. Every request (and, later, every Flight session) gets its own connection from
 * {@link #connect()}, a {@code duplicate()} of the root connection: connections share the database's catalogs and data
 * but not their session state ({@code USE}, open transactions), so requests of one user run concurrently.
 *
 * <p>All JDBC work is blocking and must run on the mock's bounded database scheduler, never on a Netty event loop.
 */
public final class UserDatabase implements AutoCloseable {

    private final String username;
    private final DuckDBConnection root;

    public UserDatabase(String username) throws SQLException {
        this.username = username;
        Properties props = new Properties();
        // Stream results chunk by chunk instead of materialising them at execute(): without this, a 50M-row SELECT
        // takes seconds and gigabytes before the first row, and backpressure cannot reach DuckDB. Duplicates inherit it.
        props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", props);
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
