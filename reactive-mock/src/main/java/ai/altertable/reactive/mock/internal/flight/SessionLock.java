package ai.altertable.reactive.mock.internal.flight;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * The mutex in front of a Flight session's DuckDB connection (protocol §4): one call at a time, first come first
 * served. It is asynchronous and not tied to a thread, because a DoGet stream holds it across many tasks on the
 * database scheduler and releases it from whichever thread ends the stream; waiting callers hold no thread of that
 * scheduler, so a stream stalled by a slow reader can never starve the pool it needs to finish.
 *
 * <p>The holder may register a contention handler: it runs whenever another caller queues up, so that a stream can
 * materialise the rest of its result and let the session go (see {@link DoGetStream}).
 */
final class SessionLock {

    private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

    private final Deque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
    private boolean held;
    private Runnable contentionHandler;

    /** Completes when the caller holds the lock; every completed acquire must be followed by one {@link #release()}. */
    CompletableFuture<Void> acquire() {
        CompletableFuture<Void> turn;
        Runnable handler;
        synchronized (this) {
            if (!held) {
                held = true;
                return GRANTED;
            }
            turn = new CompletableFuture<>();
            waiters.add(turn);
            handler = contentionHandler;
        }
        if (handler != null) {
            handler.run();
        }
        return turn;
    }

    /**
     * Runs {@code handler} now if callers are already waiting, and again each time another one queues up, until the
     * next {@link #release()}. Only the current holder calls this.
     */
    void onContention(Runnable handler) {
        boolean waiting;
        synchronized (this) {
            contentionHandler = handler;
            waiting = !waiters.isEmpty();
        }
        if (waiting) {
            handler.run();
        }
    }

    /** Hands the lock to the longest waiter, or frees it. */
    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            if (!held) {
                throw new IllegalStateException("session lock released but not held");
            }
            contentionHandler = null;
            next = waiters.poll();
            if (next == null) {
                held = false;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }
}
