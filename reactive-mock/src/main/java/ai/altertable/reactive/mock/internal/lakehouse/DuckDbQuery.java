package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.db.StreamingErrors;
import ai.altertable.reactive.mock.internal.db.CatalogSelection;
import ai.altertable.reactive.mock.internal.db.UserDatabase;
import ai.altertable.reactive.mock.internal.sql.SqlMessages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The blocking DuckDB side of one {@code /query}: a fresh connection, the optional {@code USE} statements, prepare and
 * execute, then the result set that the response stream reads row by row. Runs on the database scheduler only; used by
 * one thread at a time. {@link #close()} is idempotent.
 */
final class DuckDbQuery implements AutoCloseable {

    private final RunningQuery running;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet resultSet;
    private long updateCount = -1;
    private String error;
    private long initMillis;

    private DuckDbQuery(RunningQuery running) {
        this.running = running;
    }

    /** Executes the query; SQL failures are captured in {@link #error()} rather than thrown. */
    static DuckDbQuery start(UserDatabase db, QueryParams params, RunningQuery running) {
        DuckDbQuery e = new DuckDbQuery(running);
        long t0 = System.nanoTime();
        e.run(db, params);
        e.initMillis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        return e;
    }

    private void run(UserDatabase db, QueryParams params) {
        try {
            connection = db.connect();
        } catch (SQLException e) {
            error = message(e);
            return;
        }
        try {
            use(params.catalog());
            use(params.schema());
        } catch (SQLException e) {
            error = message(e);
            return;
        }
        try {
            statement = connection.prepareStatement(params.effectiveSql());
            running.attach(statement);
        } catch (SQLException e) {
            error = "Failed to prepare statement: " + message(e);
            return;
        }
        try {
            if (running.cancelRequested()) {
                error = "Failed to execute query: " + RunningQuery.INTERRUPTED;
                return;
            }
            if (statement.execute()) {
                resultSet = statement.getResultSet();
            } else {
                updateCount = statement.getUpdateCount();
            }
        } catch (SQLException e) {
            error = "Failed to execute query: " + (running.cancelRequested() ? RunningQuery.INTERRUPTED
                    : StreamingErrors.message(connection, params.effectiveSql(), e));
        }
    }

    private void use(String name) throws SQLException {
        CatalogSelection.use(connection, name, running::attach);
    }

    static String message(SQLException e) {
        return SqlMessages.of(e);
    }

    RunningQuery running() {
        return running;
    }

    /** The execution error text (with its stage prefix), or {@code null}. */
    String error() {
        return error;
    }

    /** The result, or {@code null} for statements without one (DDL, DML) or on error. */
    ResultSet resultSet() {
        return resultSet;
    }

    /** Rows changed by a DML statement, or -1. */
    long updateCount() {
        return updateCount;
    }

    long initMillis() {
        return initMillis;
    }

    @Override
    public void close() {
        closeQuietly(resultSet);
        closeQuietly(statement);
        closeQuietly(connection);
        resultSet = null;
        statement = null;
        connection = null;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the response is over; a failing close changes nothing for the client
            }
        }
    }
}
