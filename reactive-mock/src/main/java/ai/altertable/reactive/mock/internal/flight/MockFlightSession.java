package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.db.UserDatabase;
import com.google.protobuf.ByteString;
import org.duckdb.DuckDBDriver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One Flight SQL session (protocol §4): keyed by (user, session id), with its own DuckDB connection over the user's
 * database (shared with the REST side and every other session of the user), and the state private to the session:
 * the open transaction and temp tables (both live in the connection), prepared statements, session options.
 *
 * <p>The connection sits behind a {@link SessionLock}: calls of one session run one at a time, calls of different
 * sessions in parallel. All JDBC work runs on the mock's bounded database scheduler, never on a gRPC thread; a unary
 * call blocks its gRPC executor thread (a plain thread, not an event loop) until its turn and its work are done.
 */
final class MockFlightSession {

    /** Work on the session's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String username;
    private final String id;
    private final Supplier<UserDatabase> database;
    private final Executor db;
    private final SessionLock lock = new SessionLock();
    private final Map<ByteString, PreparedQuery> prepared = new ConcurrentHashMap<>();
    private final AtomicReference<FlightSessionSettings> options = new AtomicReference<>(FlightSessionSettings.DEFAULT);
    private volatile Connection connection; // used while holding the lock; closed at shutdown

    MockFlightSession(String username, String id, Supplier<UserDatabase> database, Executor db) {
        this.username = username;
        this.id = id;
        this.database = database;
        this.db = db;
    }

    String username() {
        return username;
    }

    String id() {
        return id;
    }

    SessionLock lock() {
        return lock;
    }

    /** The executor for JDBC work: the mock's bounded database scheduler. */
    Executor db() {
        return db;
    }

    Map<ByteString, PreparedQuery> prepared() {
        return prepared;
    }

    FlightSessionSettings options() {
        return options.get();
    }

    void options(FlightSessionSettings value) {
        options.set(value);
    }

    /**
     * The session's connection, opened on first use. Only while holding the {@link #lock()}, on the database
     * scheduler.
     */
    Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = database.get().connect();
            try {
                streamResults(c, false);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /**
     * Switches DuckDB JDBC's result streaming for the session connection. The session materialises results by default,
     * as the official mock does: DuckDB then reports runtime errors with their text (a streamed result reports them as
     * "Invalid result set") and a statement never finds the connection busy with an open result. A statement query's
     * DoGet switches streaming on for its own result, so that DuckDB is read only as fast as the client reads, and off
     * again when the result is closed.
     */
    static void streamResults(Connection c, boolean on) throws SQLException {
        DuckDbResults.run(c, "SET SESSION " + DuckDBDriver.JDBC_STREAM_RESULTS + " = " + on);
    }

    /**
     * Runs {@code USE <catalog>} and {@code USE <schema>} for the session's options, unquoted, as the official mock
     * does before every statement, metadata query and ingest table check (protocol §5). Holding the lock.
     */
    void applyCatalogAndSchema(Connection c) throws SQLException {
        FlightSessionSettings o = options();
        if (o.catalog() == null && o.schema() == null) {
            return;
        }
        try (Statement statement = c.createStatement()) {
            if (o.catalog() != null) {
                statement.execute("USE " + o.catalog());
            }
            if (o.schema() != null) {
                statement.execute("USE " + o.schema());
            }
        }
    }

    /**
     * Runs {@code work} on the session's connection in the session's turn: waits for the lock (blocking the calling
     * thread, which must not be an event loop), runs the work on the database scheduler, releases the lock.
     */
    <T> T call(SqlWork<T> work) throws SQLException {
        lock.acquire().join();
        try {
            return onDb(work);
        } finally {
            lock.release();
        }
    }

    /**
     * Runs {@code work} on the database scheduler and waits for it. The caller already holds the lock (an ingest
     * holds it for the whole upload).
     */
    <T> T onDb(SqlWork<T> work) throws SQLException {
        CompletableFuture<T> result = new CompletableFuture<>();
        db.execute(() -> {
            try {
                result.complete(work.run(connection()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Closes the connection once the session is idle. The session must not be used afterwards. */
    CompletableFuture<Void> closeWhenIdle() {
        return lock.acquire().thenRunAsync(() -> {
            try {
                closeConnection();
            } finally {
                lock.release();
            }
        }, db);
    }

    /** Closes the connection now, at shutdown, when no call can be running any more. */
    void closeConnection() {
        Connection c = connection;
        connection = null;
        prepared.clear();
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // an in-memory connection at shutdown: nothing to recover
            }
        }
    }

    @Override
    public String toString() {
        return "MockFlightSession[" + username + "/" + id + "]";
    }
}
