package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.flight.FlightClientOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Everything that touches Arrow's {@link FlightClient}: the channel (with {@link SessionInterceptor}), the bounded
 * scheduler on which every blocking Flight call runs, the client's root allocator, the handshake, and the rules every
 * unary call follows (session started first, deadline, cancel, error mapping, one re-handshake on
 * {@code UNAUTHENTICATED}, retries of idempotent calls).
 *
 * <p>Nothing here blocks the calling thread: blocking calls are scheduled on {@link #scheduler()}, and cancelling a
 * subscription cancels the gRPC call through its {@link CallScope}.
 */
public final class FlightTransport implements AutoCloseable {

    private static final Logger log = Loggers.getLogger(FlightTransport.class);
    private static final AtomicLong CLIENT_IDS = new AtomicLong();

    private final FlightClientOptions options;
    private final BufferAllocator allocator;
    private final boolean ownsScheduler;
    private final Scheduler scheduler;
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
        this.ownsScheduler = options.scheduler() == null;
        this.scheduler = ownsScheduler
                ? Schedulers.newBoundedElastic(options.threads(), Integer.MAX_VALUE, new FlightThreads(name), 60)
                : options.scheduler();
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

    /** The scheduler on which blocking Flight calls run. */
    public Scheduler scheduler() {
        return scheduler;
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
     * Runs one unary call for {@code session}: after the session has started, on the scheduler, in its own
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
        return ready(session).then(attempt.retryWhen(options.retryPolicy().retry(operation)));
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
     * One blocking call on the scheduler. Cancelling the subscription before the call starts removes the task; while it
     * runs, cancels the gRPC call (never interrupting the thread). A result arriving after cancel is discarded.
     */
    public <T> Mono<T> blocking(SessionState session, Operation operation, String rpc, ScopedCall<T> call,
                                Consumer<? super T> discard) {
        return Mono.create(sink -> {
            CallScope scope = new CallScope(session, rpc);
            AtomicInteger state = new AtomicInteger(); // 0 queued, 1 running, 2 finished or cancelled
            Disposable task;
            try {
                task = scheduler.schedule(() -> {
                    if (!state.compareAndSet(0, 1)) {
                        return;
                    }
                    T value;
                    try {
                        value = FlightThreads.blockingCall(() -> scope.call(() -> call.run(scope)));
                    } catch (Throwable e) {
                        if (state.compareAndSet(1, 2)) {
                            sink.error(FlightErrors.map(e, operation, rpc, scope.status(), peer()));
                        }
                        return;
                    }
                    if (state.compareAndSet(1, 2)) {
                        sink.success(value);
                    } else if (value != null) {
                        discard.accept(value);
                    }
                });
            } catch (RejectedExecutionException e) {
                sink.error(closedError(operation, rpc, e));
                return;
            }
            sink.onCancel(() -> {
                int previous = state.getAndSet(2);
                if (previous == 0) {
                    task.dispose();
                } else if (previous == 1) {
                    scope.cancel();
                }
            });
        });
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
     * waits briefly for streams to release their buffers, disposes the scheduler if the client created it, and closes
     * the allocator. Blocks; never call it on an event loop.
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
            if (ownsScheduler) {
                scheduler.dispose();
            }
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
