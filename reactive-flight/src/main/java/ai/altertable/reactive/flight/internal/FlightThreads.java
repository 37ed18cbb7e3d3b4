package ai.altertable.reactive.flight.internal;

import reactor.core.scheduler.NonBlocking;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads of the client's own scheduler, and the one place where they may block.
 *
 * <p>Batches and rows are delivered to the subscriber on these threads, so they are <em>non-blocking threads in
 * Reactor's sense</em> (they implement {@link NonBlocking}): a subscriber that calls {@code block()},
 * {@code blockFirst()} or {@code blockLast()} on one fails at once with Reactor's {@link IllegalStateException}, as it
 * would on a Netty event loop, instead of holding one of the few threads of the bounded scheduler while it waits for
 * work that needs a thread of that same scheduler (with as many blocked subscribers as threads, every query of the
 * client would wait for ever).
 *
 * <p>Arrow Flight's Java API itself blocks ({@code FlightStream.next()} waits for the next message, unary calls wait
 * for their answer). The client makes every such call through {@link #blockingCall(BlockingCall)}, and nothing else there:
 * the call returns before the subscriber sees anything. {@link FlightBlockHoundIntegration} tells BlockHound (when an
 * application installs it) that blocking inside that method is intended, so BlockHound still reports any other
 * blocking call on these threads, such as a subscriber's.
 */
public final class FlightThreads implements ThreadFactory {

    private static final Logger log = Loggers.getLogger(FlightThreads.class);

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    /** Threads named {@code <prefix>-<n>}, daemon, non-blocking in Reactor's sense. */
    public FlightThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new FlightThread(task, prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.error("uncaught exception on {}", t.getName(), e));
        return thread;
    }

    /**
     * Runs one call into Arrow Flight or gRPC that may block the current thread until the server answers (or the call
     * is cancelled). Only the client's own Flight machinery calls this, and never with user code inside.
     */
    public static <T, E extends Exception> T blockingCall(BlockingCall<T, E> call) throws E {
        return call.call();
    }

    /** A call that may block; {@code E} is what it throws ({@code RuntimeException} for most of Arrow's API). */
    @FunctionalInterface
    public interface BlockingCall<T, E extends Exception> {
        T call() throws E;
    }

    /** A thread of the client's scheduler: Reactor refuses {@code block()} on it. */
    static final class FlightThread extends Thread implements NonBlocking {
        FlightThread(Runnable task, String name) {
            super(task, name);
        }
    }
}
