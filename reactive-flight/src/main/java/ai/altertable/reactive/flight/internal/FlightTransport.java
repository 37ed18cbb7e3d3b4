package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.flight.FlightClientOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationStart;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything that touches Arrow's {@link FlightClient}: the channel (with {@link SessionInterceptor}), the client's
 * threads ({@link FlightThreads}), its root allocator, the handshake, and the rules every unary call follows (session
 * started first, deadline, cancel, error mapping, one re-handshake on {@code UNAUTHENTICATED}, retries of idempotent
 * calls).
 *
 * <p>Nothing here blocks the calling thread: blocking calls run on the io scheduler, their results are delivered on a
 * delivery (non-blocking) thread, and cancelling a subscription cancels the gRPC call through its {@link CallScope}.
 */
public final class FlightTransport implements AutoCloseable {

    private static final Logger log = Loggers.getLogger(FlightTransport.class);
    private static final AtomicLong CLIENT_IDS = new AtomicLong();
    // the states of a blocking call: waiting for a thread, running, answered (on its way to the subscriber), over
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int ANSWERED = 2;
    private static final int OVER = 3;

    private final FlightClientOptions options;
    private final BufferAllocator allocator;
    private final FlightThreads threads;
    private final ManagedChannel channel;
    private final FlightClient client;
    private final ActiveStreams active = new ActiveStreams();
    private final AtomicLong streamIds = new AtomicLong();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final String name;
    private volatile boolean closed;

    public FlightTransport(FlightClientOptions options) {
        this.options = options;
        this.name = "altertable-flight-" + CLIENT_IDS.incrementAndGet();
        BufferAllocator parent = options.allocator();
        this.allocator = parent == null ? new RootAllocator(options.maxMemory())
                : parent.newChildAllocator(name, 0, options.maxMemory());
        this.threads = new FlightThreads(name, options);
        NettyChannelBuilder builder = NettyChannelBuilder
                .forAddress(options.endpoint().getHost(), options.endpoint().getPort())
                .maxInboundMessageSize(options.maxInboundMessageBytes())
                .maxInboundMetadataSize(64 * 1024)
                .intercept(new SessionInterceptor());
        FlightChannels.configure(builder, options);
        this.channel = builder.build();
        this.client = FlightGrpcUtils.createFlightClient(allocator, channel);
    }

    public FlightClientOptions options() {
        return options;
    }

    /** The client's io scheduler (Arrow's blocking calls) and delivery scheduler (everything a subscriber sees). */
    public FlightThreads threads() {
        return threads;
    }

    public FlightClient client() {
        return client;
    }

    /** The client's root allocator (its own root, or its child of the caller's allocator). */
    public BufferAllocator allocator() {
        return allocator;
    }

    /** Streams and uploads that hold Flight resources right now. */
    public ActiveStreams active() {
        return active;
    }

    /**
     * A {@code FlightClient} for one stream: it shares the client's channel (and so its interceptor and connection)
     * but allocates from {@code streamAllocator}; closing it closes only its allocator.
     */
    FlightClient streamClient(BufferAllocator streamAllocator) {
        return FlightGrpcUtils.createFlightClientWithSharedChannel(streamAllocator, channel);
    }

    /** A fresh child allocator for one stream, named after it. */
    public BufferAllocator newStreamAllocator(String kind) {
        return allocator.newChildAllocator(kind + "-" + streamIds.incrementAndGet(), 0, Long.MAX_VALUE);
    }

    /** A new session that has not shaken hands yet. */
    public SessionState newSession(String purpose) {
        return new SessionState(name + "/" + purpose + "-" + sessionIds.incrementAndGet(),
                options.sessionOptions().toMap());
    }

    /** The per-call options of unary calls: the deadline, if any. */
    public CallOption[] unaryCallOptions() {
        Duration timeout = options.callTimeout();
        return timeout.isZero() ? new CallOption[0]
                : new CallOption[] {CallOptions.timeout(timeout.toNanos(), TimeUnit.NANOSECONDS)};
    }

    /**
     * Runs one unary call for {@code session}: after the session has started, on the io scheduler, in its own
     * {@link CallScope}; an {@code UNAUTHENTICATED} answer starts the session again once and repeats the call if
     * {@code operation} is idempotent; transient failures are retried by the retry policy when safe.
     *
     * @param discard releases a result that arrives after the subscriber cancelled
     */
    public <T> Mono<T> unary(SessionState session, Operation operation, String rpc, ScopedCall<T> call,
                             Consumer<? super T> discard) {
        Mono<T> attempt = Mono.defer(() -> {
            String used = session.authorization();
            return blocking(session, operation, rpc, call, discard)
                    .onErrorResume(FlightErrors::isUnauthenticated, e -> session.refresh(used, () -> start(session))
                            .then(operation.isIdempotent() ? blocking(session, operation, rpc, call, discard)
                                    : Mono.error(e)));
        });
        ClientObservability observability = options.observability();
        if (!observability.isEnabled()) {
            return ready(session).then(attempt.retryWhen(options.retryPolicy().retry(operation)));
        }
        return Observed.mono(observability, operation.specName(), OperationStart.FLIGHT, OperationStart.Kind.CALL,
                null, null, o -> ready(session).then(attempt.retryWhen(Observed.retries(
                        options.retryPolicy().retry(operation), o))));
    }

    /** Like {@link #unary(SessionState, Operation, String, ScopedCall, Consumer)} for results that hold nothing. */
    public <T> Mono<T> unary(SessionState session, Operation operation, String rpc, ScopedCall<T> call) {
        return unary(session, operation, rpc, call, v -> { });
    }

    /** Completes once {@code session} has shaken hands and applied its options. */
    public Mono<Void> ready(SessionState session) {
        return session.ready(() -> start(session));
    }

    /** Starts {@code session} again after {@code failedAuthorization} was rejected (once for concurrent callers). */
    public Mono<Void> refresh(SessionState session, String failedAuthorization) {
        return session.refresh(failedAuthorization, () -> start(session));
    }

    /** The handshake, then the session's options. */
    private Mono<Void> start(SessionState session) {
        Mono<Void> handshake = options.credentials().credentials()
                .switchIfEmpty(Mono.error(() -> new ConfigurationException("the credentials provider returned nothing")))
                .flatMap(credentials -> blocking(session, Operation.FLIGHT_HANDSHAKE, "Handshake",
                        scope -> handshake(session, scope, credentials), v -> { }))
                .retryWhen(options.retryPolicy().retry(Operation.FLIGHT_HANDSHAKE))
                .then();
        return handshake.then(Mono.defer(() -> SessionCommands.applyOptions(this, session, session.options())));
    }

    private Boolean handshake(SessionState session, CallScope scope, Credentials credentials) throws Exception {
        long mark = session.beginHandshake(credentials.authorizationHeader());
        Handshake.perform(channel, options.callTimeout()); // not Arrow's client.handshake(), which logs each failure
        session.handshakeSucceeded(mark);
        return Boolean.TRUE;
    }

    /**
     * One blocking call on the io scheduler, its outcome delivered on a delivery thread. Cancelling the subscription
     * before the call starts removes the task; while it runs, cancels the gRPC call (never interrupting the thread). A
     * result that arrives after cancel, or that the cancel overtakes on its way to the subscriber, is discarded.
     */
    public <T> Mono<T> blocking(SessionState session, Operation operation, String rpc, ScopedCall<T> call,
                                Consumer<? super T> discard) {
        return Mono.create(sink -> {
            CallScope scope = new CallScope(session, rpc).headers(Observed.headers(sink.contextView()));
            AtomicInteger state = new AtomicInteger(QUEUED);
            Disposable task;
            try {
                task = threads.io().schedule(() -> runBlocking(scope, state, operation, call, discard, sink));
            } catch (RejectedExecutionException e) {
                sink.error(closedError(operation, rpc, e));
                return;
            }
            sink.onCancel(() -> {
                int previous = state.getAndSet(OVER);
                if (previous == QUEUED) {
                    task.dispose();
                } else if (previous == RUNNING) {
                    scope.cancel();
                }
            });
        });
    }

    /** On an io thread: the call, then its outcome handed to a delivery thread (or discarded after a cancel). */
    private <T> void runBlocking(CallScope scope, AtomicInteger state, Operation operation, ScopedCall<T> call,
                                 Consumer<? super T> discard, MonoSink<T> sink) {
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        long start = System.nanoTime();
        T value = null;
        Throwable error = null;
        try {
            value = scope.call(() -> call.run(scope));
        } catch (Throwable e) {
            error = FlightErrors.map(e, operation, scope.rpc(), scope.status(), peer());
        }
        logCall(operation, scope.rpc(), error, start);
        T result = value;
        Throwable failure = error;
        if (!state.compareAndSet(RUNNING, ANSWERED)) {
            discardLate(result, discard);
            return;
        }
        threads.deliver(() -> {
            if (!state.compareAndSet(ANSWERED, OVER)) {
                discardLate(result, discard);
            } else if (failure != null) {
                sink.error(failure);
            } else {
                sink.success(result);
            }
        });
    }

    /**
     * One DEBUG line per Flight call when it ends: operation, RPC, outcome (OK, or the failure's class and gRPC status),
     * milliseconds since it began. Nothing of the request: no metadata (it carries the token), no SQL, no rows.
     */
    static void logCall(Operation operation, String rpc, Throwable failure, long start) {
        if (log.isDebugEnabled()) {
            log.debug("{} {} -> {} in {} ms", operation.specName(), rpc, outcome(failure),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** {@link #logCall} for a stream: how many record batches went through, and whether it was cancelled. */
    static void logStream(Operation operation, String rpc, long batches, boolean cancelled, Throwable failure,
                          long start) {
        if (log.isDebugEnabled()) {
            log.debug("{} {} -> {} after {} batches in {} ms", operation.specName(), rpc,
                    cancelled ? "CANCELLED" : outcome(failure), batches, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "OK";
        }
        int status = failure instanceof AltertableException ? ((AltertableException) failure).context().status()
                : ErrorContext.NO_STATUS;
        return failure.getClass().getSimpleName() + (status != ErrorContext.NO_STATUS ? " status=" + status : "");
    }

    private static <T> void discardLate(T value, Consumer<? super T> discard) {
        if (value != null) {
            discard.accept(value);
        }
    }

    /** The server, {@code host:port}, for messages. */
    private String peer() {
        return options.endpoint().getHost() + ":" + options.endpoint().getPort();
    }

    /** The failure of a call attempted on a closed client. */
    public NetworkException closedError(Operation operation, String rpc, Throwable cause) {
        return new NetworkException("the Flight client is closed", FlightErrors.context(operation, rpc), false, cause);
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends every live stream and upload with a "client closed" failure, shuts the channel down (in-flight calls fail),
     * waits briefly for streams to release their buffers, disposes the client's own schedulers (queued tasks still run,
     * so every subscriber gets its end signal), and closes the allocator. Blocks; never call it on an event loop.
     *
     * @throws IllegalStateException if Arrow memory is still held, for example by batches the caller has not closed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        active.abortAll(closedError(Operation.FLIGHT_QUERY, "close", null));
        channel.shutdownNow();
        if (!active.awaitIdle(Duration.ofSeconds(10))) {
            log.warn("{}: {} stream(s) still hold Flight resources after 10 s; closing anyway", name, active.count());
        }
        try {
            client.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.dispose();
            allocator.close();
        }
    }

    @Override
    public String toString() {
        return name + "[" + options.endpoint() + "]";
    }

    /** A blocking call; it runs with its {@link CallScope}'s context current, so the calls it makes belong to it. */
    @FunctionalInterface
    public interface ScopedCall<T> {
        T run(CallScope scope) throws Exception;
    }
}
