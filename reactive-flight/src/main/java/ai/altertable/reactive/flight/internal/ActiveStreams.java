package ai.altertable.reactive.flight.internal;

import java.time.Duration;

/**
 * Counts the streams and uploads that hold Flight resources (an open {@code FlightStream}, a DoPut call, buffers of
 * their own), so that closing the client can wait for them to release everything before it closes the allocator.
 * {@link #enter()} and {@link #exit()} never block; only {@link #awaitIdle(Duration)}, used by {@code close()}, waits.
 */
public final class ActiveStreams {

    private int count; // guarded by this

    /** One more stream holds resources. */
    public synchronized void enter() {
        count++;
    }

    /** A stream released all its resources. */
    public synchronized void exit() {
        count--;
        if (count <= 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Waits until no stream holds resources, at most {@code timeout}; whether that happened. */
    synchronized boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
