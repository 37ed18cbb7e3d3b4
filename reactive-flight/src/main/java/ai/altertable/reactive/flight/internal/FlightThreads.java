package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.flight.FlightClientOptions;
import reactor.core.Disposable;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The client's two kinds of threads, and which work runs on which.
 *
 * <ul>
 *   <li><b>io</b>: ordinary threads of a bounded scheduler ({@code altertable-flight-io-<client>-<n>},
 *       {@link FlightClientOptions#threads()} of them; or the caller's {@link FlightClientOptions#scheduler()}). Arrow
 *       Flight's Java API blocks, and every such call runs here: opening a stream, {@code GetFlightInfo} and the other
 *       unary calls (handshake, actions, session options), {@code FlightStream.next()} and {@code close()}. Only the
 *       client's own code runs here, never a subscriber's or a user's function.</li>
 *   <li><b>delivery</b>: a small parallel scheduler the client owns ({@code altertable-flight-<client>-<n>}, one thread
 *       per core up to {@code threads()}), whose threads are non-blocking in Reactor's sense ({@link NonBlocking}, like
 *       {@code Schedulers.parallel()}'s). Everything a subscriber sees is signalled here ({@code onNext},
 *       {@code onComplete}, {@code onError} of batches, rows and call results), so user code runs here: the
 *       subscriber's operators, the function of callback-scoped batches, an ingest's source once its first batches
 *       are under way. Uploads, which never wait, run here too, an ingest's Arrow encoding included. A
 *       {@code block()} here fails at once, and BlockHound reports any other blocking call.</li>
 * </ul>
 *
 * <p>Why a scheduler of the client's own for delivery rather than {@code Schedulers.parallel()}: its threads carry the
 * client's name (in stack traces and in Reactor's {@code block()} error), a subscriber's heavy work does not compete
 * with the application's timers on the global scheduler, and the client's deliveries keep working when an application
 * (or a test framework) disposes or resets Reactor's global schedulers. It costs a few idle threads per client, started
 * on first use; {@link #dispose()} lets the tasks already queued run (terminal signals among them) and then ends them.
 */
public final class FlightThreads {

    private static final Logger log = Loggers.getLogger(FlightThreads.class);

    private final Scheduler io;
    private final boolean ownsIo;
    private final Scheduler delivery;
    private final Scheduler timer;

    /**
     * @param name the client's name, {@code altertable-flight-<n>}
     */
    public FlightThreads(String name, FlightClientOptions options) {
        this.ownsIo = options.scheduler() == null;
        this.io = ownsIo
                ? Schedulers.newBoundedElastic(options.threads(), Integer.MAX_VALUE, ioName(name), 60, true)
                : options.scheduler();
        int cores = Runtime.getRuntime().availableProcessors();
        this.delivery = Schedulers.newParallel(name, Math.max(1, Math.min(cores, options.threads())), true);
        this.timer = new DeliveryTimer(delivery);
    }

    /** {@code altertable-flight-io-<n>} for the client {@code altertable-flight-<n>}. */
    private static String ioName(String name) {
        String prefix = "altertable-flight-";
        return name.startsWith(prefix) ? prefix + "io-" + name.substring(prefix.length()) : name + "-io";
    }

    /** The bounded scheduler of blocking threads on which Arrow's blocking calls run. */
    public Scheduler io() {
        return io;
    }

    /** The non-blocking scheduler on which everything is delivered. */
    public Scheduler delivery() {
        return delivery;
    }

    /**
     * The scheduler of timers whose expiry a subscriber sees (the idle timeout's error): the delivery scheduler, or
     * Reactor's parallel scheduler once the client is closed (so that a timer never fails to be set).
     */
    public Scheduler timer() {
        return timer;
    }

    /**
     * Runs {@code task} on a delivery thread; on the calling thread when the client is closed (its delivery scheduler
     * then refuses work, and the task must still run: it ends a subscription or frees memory).
     */
    public void deliver(Runnable task) {
        try {
            delivery.schedule(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Ends the client's own schedulers (not a scheduler the caller supplied). Tasks already queued still run; new ones
     * are refused (callers then finish on their own thread, see {@link #deliver(Runnable)}).
     */
    void dispose() {
        if (ownsIo) {
            io.disposeGracefully().subscribe(null, e -> log.debug("disposing the io scheduler: {}", e.toString()));
        }
        delivery.disposeGracefully().subscribe(null, e -> log.debug("disposing the delivery scheduler: {}",
                e.toString()));
    }

    /** The delivery scheduler for timers, falling back to {@code Schedulers.parallel()} when it refuses work. */
    private static final class DeliveryTimer implements Scheduler {
        private final Scheduler delivery;

        DeliveryTimer(Scheduler delivery) {
            this.delivery = delivery;
        }

        @Override
        public Disposable schedule(Runnable task) {
            try {
                return delivery.schedule(task);
            } catch (RejectedExecutionException e) {
                return Schedulers.parallel().schedule(task);
            }
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            try {
                return delivery.schedule(task, delay, unit);
            } catch (RejectedExecutionException e) {
                return Schedulers.parallel().schedule(task, delay, unit);
            }
        }

        @Override
        public long now(TimeUnit unit) {
            return delivery.now(unit);
        }

        @Override
        public Worker createWorker() {
            try {
                return delivery.createWorker();
            } catch (RejectedExecutionException e) {
                return Schedulers.parallel().createWorker();
            }
        }
    }
}
