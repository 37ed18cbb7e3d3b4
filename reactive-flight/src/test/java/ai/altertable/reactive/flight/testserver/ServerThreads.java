package ai.altertable.reactive.flight.testserver;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test server's executor: each task on a new daemon thread ({@code test-flight-server-<n>}). It never refuses a
 * task, and takes no {@code java.util.concurrent} lock to accept one, because gRPC hands it tasks from its Netty event
 * loop, which BlockHound (installed in these tests) treats as non-blocking: a {@code ThreadPoolExecutor} whose lock
 * was contended there had its {@code park()} fail with BlockHound's error, and JDK 17's lock leaves the failed waiter
 * queued (the exception from {@code park()} skips its clean-up), so the pool's lock stayed taken for ever. Every later
 * task that needed a new worker (such as the one that tells a DoGet handler its call was cancelled) was lost, and the
 * handler held its last batch for ever: the server's allocator reported a 180,224-byte leak, a few runs in a hundred of
 * a test that cancels a stream. {@link #awaitIdle(Duration)} waits for every task to return; the shut-down methods
 * Arrow's and gRPC's interfaces ask for change nothing (nobody here calls them: Arrow leaves an executor it was given
 * alone).
 */
final class ServerThreads extends AbstractExecutorService {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AtomicInteger running = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        running.incrementAndGet();
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        }, "test-flight-server-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits (on the test's own thread) until no task runs, at most {@code timeout}; whether that happened. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void shutdown() {
        // never refuses a task: a refused one could be the news of a cancel
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return awaitIdle(Duration.ofNanos(unit.toNanos(timeout)));
    }
}
