package ai.altertable.reactive.mock.internal.flight;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC side of a {@link DoGetStream}: its statement and result set, closed together, and the only way to interrupt
 * the statement. DuckDB JDBC interrupts the statement's <em>connection</em>, which the session's next call will use; so
 * an interrupt is sent only while a call of this stream is inside DuckDB, under the same monitor that marks the call
 * finished.
 */
final class Interruptible implements AutoCloseable {

    /** Runs once the statement is closed, on the same connection (a setting to restore). */
    @FunctionalInterface
    interface AfterClose {
        void run() throws SQLException;
    }

    /** Work inside DuckDB. */
    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    private PreparedStatement statement;
    private ResultSet resultSet;
    private AfterClose afterClose;
    private boolean busy;
    private boolean interrupted;

    /** The statement to interrupt and close. */
    synchronized void statement(PreparedStatement s) {
        this.statement = s;
    }

    /** The statement given last. */
    synchronized PreparedStatement statement() {
        return statement;
    }

    /** The result set to close (before the statement). */
    synchronized void resultSet(ResultSet r) {
        this.resultSet = r;
    }

    /** What to run after the statement and result set are closed. */
    synchronized void afterClose(AfterClose action) {
        this.afterClose = action;
    }

    /** Runs {@code work} as interruptible; refuses to start once an interrupt was requested. */
    <T> T run(Work<T> work) throws Exception {
        synchronized (this) {
            if (interrupted) {
                throw new SQLException("INTERRUPT Error: Interrupted!");
            }
            busy = true;
        }
        try {
            return work.call();
        } finally {
            synchronized (this) {
                busy = false;
            }
        }
    }

    /** Interrupts the running call, if any; later calls refuse to start. */
    synchronized void interrupt() {
        interrupted = true;
        if (busy && statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // already closed or finished: nothing left to interrupt
            }
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        try {
            if (resultSet != null) {
                resultSet.close();
            }
        } finally {
            resultSet = null;
            try {
                if (statement != null) {
                    statement.close();
                }
            } finally {
                statement = null;
                AfterClose action = afterClose;
                afterClose = null;
                if (action != null) {
                    action.run();
                }
            }
        }
    }
}
