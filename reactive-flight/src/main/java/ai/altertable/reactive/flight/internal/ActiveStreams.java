package ai.altertable.reactive.flight.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Counts the streams and uploads that hold Flight resources (an open {@code FlightStream}, a DoPut call, buffers of
 * their own), so that closing the client can wait for them to release everything before it closes the allocator, and
 * knows how to end each one: a stream whose subscriber neither requests nor cancels would otherwise hold its buffers
 * for ever. {@link #enter()}, {@link #exit()} and {@link #register(Consumer)} never block; only
 * {@link #awaitIdle(Duration)}, used by {@code close()}, waits.
 */
public final class ActiveStreams {

    private final Set<Consumer<Throwable>> aborts = ConcurrentHashMap.newKeySet();
    private int count; // guarded by this

    /**
     * Registers how to end a live stream when the client closes; the returned action unregisters it.
     *
     * @param abort ends the stream with the given failure, releasing its resources; must not block
     */
    public Runnable register(Consumer<Throwable> abort) {
        aborts.add(abort);
        return () -> aborts.remove(abort);
    }

    /** Ends every registered stream with {@code reason}. */
    void abortAll(Throwable reason) {
        for (Consumer<Throwable> abort : aborts) {
            abort.accept(reason);
        }
    }

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
