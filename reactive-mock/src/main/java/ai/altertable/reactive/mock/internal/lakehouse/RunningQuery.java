package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.ObservedQuery;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code /query} from the moment it is accepted until its response ends: what {@code DELETE /query/{id}} can cancel,
 * and what tests observe (rows produced so far, whether a cancel arrived).
 *
 * <p>Cancelling has two parts. The flag {@link #cancelRequested()} is checked by the response stream before each
 * DuckDB call, which covers a query between fetches or not yet started. A DuckDB statement that is inside a call can
 * only be stopped by {@link Statement#cancel()}, which DuckDB ignores unless the call is in progress and which may
 * wait for a lock; so the interrupt is sent from the interrupt scheduler (never an event loop, and not the database
 * scheduler, whose threads may all be busy with the very queries to stop), and repeated every {@value #RETRY_MS} ms
 * until the query ends, which also closes the race with a call that starts just after a first interrupt.
 */
final class RunningQuery {

    static final long RETRY_MS = 50;
    static final String INTERRUPTED = "INTERRUPT Error: Interrupted!";

    private final String queryId;
    private final String sessionId;
    private final Instant start;
    private final Scheduler interrupts;
    private final AtomicLong rowsProduced = new AtomicLong();
    private volatile Statement statement;
    private volatile boolean cancelRequested;
    private volatile boolean clientGone;
    private volatile boolean finished;
    private volatile String error;
    private volatile Disposable interrupter;

    RunningQuery(String queryId, String sessionId, Instant start, Scheduler interrupts) {
        this.queryId = queryId;
        this.sessionId = sessionId;
        this.start = start;
        this.interrupts = interrupts;
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

    /** The statement DuckDB is running for this query (replaced as {@code USE} and the query itself run). */
    void attach(Statement statement) {
        this.statement = statement;
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

    /** The client closed the connection (or stopped the response): stop the query as a cancel would. */
    void clientGone() {
        clientGone = true;
        cancel();
    }

    boolean isClientGone() {
        return clientGone;
    }

    /** Requests cancellation; see the class description. Safe from any thread, including event loops. */
    void cancel() {
        if (cancelRequested || finished) {
            cancelRequested = true;
            return;
        }
        cancelRequested = true;
        interrupter = Flux.interval(Duration.ZERO, Duration.ofMillis(RETRY_MS), interrupts)
                .takeWhile(tick -> !finished && tick < 600)
                .concatMap(tick -> Mono.fromRunnable(this::interruptNow))
                .subscribe();
    }

    private void interruptNow() {
        Statement s = statement;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // closed already: nothing left to interrupt
            }
        }
    }

    void finished(String error) {
        this.error = error;
        this.finished = true;
        Disposable d = interrupter;
        if (d != null) {
            d.dispose();
        }
    }

    ObservedQuery observe() {
        return new ObservedQuery(queryId, rowsProduced.get(), !finished, cancelRequested, error);
    }
}
