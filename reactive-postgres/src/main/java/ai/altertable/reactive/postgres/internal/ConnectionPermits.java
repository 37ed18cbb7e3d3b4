package ai.altertable.reactive.postgres.internal;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A non-blocking counting semaphore for the client's connections: {@link #acquire()} completes at once while fewer
 * than {@code max} permits are out, otherwise when one is released (first come, first served). Cancelling a waiting
 * acquisition leaves the queue; a permit granted to an acquisition cancelled at the same moment is handed on, never
 * lost. The lock is held only to move a permit, never while a subscriber runs. Thread-safe.
 */
public final class ConnectionPermits {

    private final int max;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int out;

    public ConnectionPermits(int max) {
        this.max = max;
    }

    /** Completes (with {@code true}) when the caller holds a permit, which it must {@link #release()} exactly once. */
    public Mono<Boolean> acquire() {
        return Mono.create(sink -> {
            Waiter waiter = new Waiter(sink);
            boolean now;
            synchronized (this) {
                now = out < max;
                if (now) {
                    out++;
                } else {
                    waiters.addLast(waiter);
                }
            }
            sink.onCancel(() -> {
                if (waiter.settled.compareAndSet(false, true)) {
                    synchronized (this) {
                        waiters.remove(waiter);
                    }
                }
            });
            if (now && !waiter.grant(this)) {
                release(); // cancelled between taking the permit and handing it over
            }
        });
    }

    /** Returns a permit: to the longest waiting acquisition, if any. */
    public void release() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiters.pollFirst();
                if (next == null) {
                    out--;
                    return;
                }
            }
            if (next.grant(this)) {
                return;
            }
        }
    }

    /** Permits held right now. */
    public synchronized int inUse() {
        return out;
    }

    private static final class Waiter {
        final MonoSink<Boolean> sink;
        final AtomicBoolean settled = new AtomicBoolean();

        Waiter(MonoSink<Boolean> sink) {
            this.sink = sink;
        }

        /** Hands the permit over; {@code false} when the acquisition was cancelled first (the permit is not used). */
        boolean grant(ConnectionPermits permits) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            sink.success(Boolean.TRUE);
            return true;
        }
    }
}
