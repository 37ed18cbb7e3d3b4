package ai.altertable.reactive.mock.internal.pg;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The DuckDB statement a session is running and the cancel requests aimed at it (a CancelRequest with the session's
 * key, or the client going away).
 *
 * <p>A request sets a flag that the session's worker checks before each statement and each chunk of rows, which
 * stops a statement between fetches. A statement inside a DuckDB call can only be stopped by
 * {@link Statement#cancel()}, which DuckDB ignores unless a call is in progress and which may wait for a lock: so it
 * is sent from the mock's interrupt scheduler (never the event loop, and not the database scheduler, whose threads may
 * all be busy with the statements to stop), and repeated every {@value #RETRY_MS} ms while the request stands, which
 * also covers a call that starts just after an interrupt. The worker withdraws the request once it has answered it.
 */
final class StatementCancel {

    static final long RETRY_MS = 50;
    /** At most this many interrupts per request (a minute of retries): a safety net, never reached in practice. */
    private static final long MAX_TRIES = 1200;

    private final PgServer server;
    private final Scheduler interrupts;
    private volatile Statement statement;
    private volatile boolean requested;
    private volatile Disposable interrupter;

    StatementCancel(PgServer server, Scheduler interrupts) {
        this.server = server;
        this.interrupts = interrupts;
    }

    /** The statement now running on the worker, or null when it closed it. */
    void running(Statement s) {
        Statement before = statement;
        statement = s;
        if (before == null && s != null) {
            server.statementOpened();
        } else if (before != null && s == null) {
            server.statementClosed();
        }
    }

    boolean requested() {
        return requested;
    }

    /** Asks for the running statement to stop; safe from any thread, including event loops. */
    synchronized void request() {
        if (requested) {
            return;
        }
        requested = true;
        interrupter = Flux.interval(Duration.ZERO, Duration.ofMillis(RETRY_MS), interrupts)
                .takeWhile(tick -> requested && tick < MAX_TRIES)
                .subscribe(tick -> interruptNow());
    }

    /** The request was answered (57014 sent) or the session went idle: no more interrupts. */
    synchronized void withdraw() {
        requested = false;
        Disposable d = interrupter;
        interrupter = null;
        if (d != null) {
            d.dispose();
        }
    }

    private void interruptNow() {
        Statement s = statement;
        if (s != null && requested) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // closed in the meantime: nothing left to interrupt
            }
        }
    }
}
