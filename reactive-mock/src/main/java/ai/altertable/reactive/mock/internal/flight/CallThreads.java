package ai.altertable.reactive.mock.internal.flight;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor gRPC runs the Flight server's call handlers on: each task on a new daemon thread named
 * {@code <prefix>-<n>}, which may block (a handler waits for its session's turn, reads an upload).
 *
 * <p>It never refuses a task and takes no {@code java.util.concurrent} lock to accept one. gRPC hands it tasks from
 * its Netty event loop, and among them the news that a call was cancelled: a DoGet handler that never hears it holds
 * its last batch for ever. A {@code ThreadPoolExecutor} takes its lock to add a worker; when that lock is contended on
 * the event loop of a JVM where BlockHound is installed (a user's tests, this project's), {@code park()} fails with
 * BlockHound's error and JDK 17's lock leaves the failed waiter queued, so the pool's lock stays taken and every later
 * task that needs a worker is lost. A thread per call costs a thread start per call, which a test server can afford.
 *
 * <p>{@link #awaitIdle(Duration)} waits, on the caller's thread, for every task to return, and
 * {@link #interruptRunning()} interrupts those still running; {@link #shutdown()} and {@link #shutdownNow()} change
 * nothing, since a refused task could be the news of a cancel.
 */
public final class CallThreads extends AbstractExecutorService {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /** An executor whose threads are named {@code prefix-1}, {@code prefix-2}, .... */
    public CallThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void execute(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        }, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        running.add(thread);
        thread.start();
    }

    /** Interrupts every task running now (a handler still waiting when its server closes); accepts tasks still. */
    public void interruptRunning() {
        running.forEach(Thread::interrupt);
    }

    /** How many tasks are running now. */
    public int running() {
        return running.size();
    }

    /**
     * Waits until every task handed over so far has returned, at most {@code timeout}; whether they all did. Blocks the
     * caller: call it from a thread that may block (a server's {@code close()}).
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return running.isEmpty();
            }
            TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
        return running.isEmpty() || awaitRest(deadline);
    }

    private boolean awaitRest(long deadline) throws InterruptedException {
        // tasks handed over while the first pass waited
        long left = deadline - System.nanoTime();
        return left > 0 ? awaitIdle(Duration.ofNanos(left)) : running.isEmpty();
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
        return running.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return awaitIdle(Duration.ofNanos(unit.toNanos(timeout)));
    }
}
