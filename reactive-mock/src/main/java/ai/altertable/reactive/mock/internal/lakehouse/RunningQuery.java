package ai.altertable.reactive.mock.internal.lakehouse;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code /query} from the moment it starts executing until its response ends: what {@code DELETE /query/{id}} can
 * cancel, and what tests observe (rows produced so far, whether a cancel arrived).
 *
 * <p>{@link #cancel()} may be called from any thread: it interrupts DuckDB through {@link Statement#cancel()}, which
 * is safe to call while another thread runs the statement.
 */
final class RunningQuery {

    private final String queryId;
    private final String sessionId;
    private final Instant start;
    private final AtomicLong rowsProduced = new AtomicLong();
    private volatile Statement statement;
    private volatile boolean cancelRequested;
    private volatile boolean finished;
    private volatile String error;

    RunningQuery(String queryId, String sessionId, Instant start) {
        this.queryId = queryId;
        this.sessionId = sessionId;
        this.start = start;
    }

    String queryId() {
        return queryId;
    }

    String sessionId() {
        return sessionId;
    }

    Instant start() {
        return start;
    }

    void attach(Statement statement) {
        this.statement = statement;
        if (cancelRequested) {
            interrupt(statement);
        }
    }

    void rowProduced() {
        rowsProduced.incrementAndGet();
    }

    long rowsProduced() {
        return rowsProduced.get();
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void finished(String error) {
        this.error = error;
        this.finished = true;
    }

    ai.altertable.reactive.mock.ObservedQuery observe() {
        return new ai.altertable.reactive.mock.ObservedQuery(queryId, rowsProduced.get(), !finished, cancelRequested,
                error);
    }

    /** Requests cancellation: the statement is interrupted now if it is running, or as soon as it is attached. */
    void cancel() {
        cancelRequested = true;
        Statement s = statement;
        if (s != null) {
            interrupt(s);
        }
    }

    private static void interrupt(Statement s) {
        try {
            s.cancel();
        } catch (SQLException ignored) {
            // already closed: nothing left to cancel
        }
    }
}
