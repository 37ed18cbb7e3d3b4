package ai.altertable.reactive.mock.internal.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection to one user's database, for work that outlives the request that started it (an asynchronous
 * append). {@code UserDatabase::connect} is one. The caller closes the connection.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new connection; the caller closes it. */
    Connection open() throws SQLException;
}
