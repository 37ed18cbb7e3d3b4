package ai.altertable.reactive.flight.testserver;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A point where the test server waits, until the test releases it or the client cancels the call, so that a test can
 * look at the client while it waits for the server (see {@link TestSqlProducer#hold(String)}).
 */
public final class Hold {

    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean cancelled;

    /** Whether the server has reached the hold. */
    public boolean isReached() {
        return reached.getCount() == 0;
    }

    /** Whether the client cancelled the call while the server waited here. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Waits for the server to reach the hold, at most {@code timeout}; whether it did. */
    public boolean awaitReached(Duration timeout) throws InterruptedException {
        return reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Lets the server go on. */
    public void release() {
        released.countDown();
    }

    /** On the server: waits until released ({@code true}) or the call is cancelled ({@code false}). */
    boolean pass(BooleanSupplier callCancelled) {
        reached.countDown();
        try {
            while (!released.await(50, TimeUnit.MILLISECONDS)) {
                if (callCancelled.getAsBoolean()) {
                    cancelled = true;
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
