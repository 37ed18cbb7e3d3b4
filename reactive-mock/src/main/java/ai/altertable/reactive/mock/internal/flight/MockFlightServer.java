package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.ObservedFlightStream;
import ai.altertable.reactive.mock.internal.MockRuntime;
import ai.altertable.reactive.mock.internal.tls.MockTls;
import io.grpc.netty.NettyServerBuilder;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The mock's Arrow Flight SQL endpoint: plaintext gRPC (h2c), or gRPC over TLS (h2 negotiated with ALPN) with the
 * mock's {@link MockTls}, the standard Flight service only, one allocator that
 * must be empty when the server closes (a leak fails {@link #close()}).
 *
 * <p>Threads: gRPC's Netty event loops only move bytes. gRPC runs call handlers on this server's own executor, a daemon
 * thread per call ({@code altertable-mock-flight-*}, {@link CallThreads}: it takes no lock to accept a call, so a JVM
 * with BlockHound cannot wedge it), which may block (waiting for a session's turn, reading an upload); every DuckDB call runs on the runtime's bounded database scheduler, shared with the REST side. Inbound
 * messages are capped at 4 MiB, as tonic's default caps the official mock's (protocol §1); grpc-java reports an
 * oversized message as {@code RESOURCE_EXHAUSTED}, where tonic says {@code OUT_OF_RANGE}.
 */
public final class MockFlightServer implements AutoCloseable {

    /** The largest message a client may send. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MockFlightServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final BufferAllocator allocator;
    private final CallThreads executor;
    private final FlightSessions sessions;
    private final FlightStreams streams;
    private final FlightServer server;
    private final String host;

    /**
     * Binds and starts serving.
     *
     * @param runtime the mock's users, databases and database scheduler
     * @param host    the interface to bind
     * @param port    the port, 0 for an ephemeral one
     * @param tls     the mock's TLS material, or {@code null} for plaintext
     */
    public MockFlightServer(MockRuntime runtime, String host, int port, MockTls tls) {
        this.host = host;
        CancelledStreamLog.install(); // gRPC would warn about every stream a client cancels mid-flight
        this.allocator = new RootAllocator(Long.MAX_VALUE);
        this.executor = new CallThreads("altertable-mock-flight");
        this.streams = new FlightStreams(runtime.faults());
        this.sessions = new FlightSessions(runtime.databases(), runnable -> runtime.dbScheduler().schedule(runnable));
        Statements statements = new Statements(streams, allocator);
        PreparedStatements prepared = new PreparedStatements(streams, allocator);
        MockFlightSqlProducer producer = new MockFlightSqlProducer(statements, prepared, new BulkIngest(allocator),
                new Metadata(streams, allocator), new Actions(prepared));
        Location location = tls != null ? Location.forGrpcTls(host, port) : Location.forGrpcInsecure(host, port);
        FlightServer.Builder builder = FlightServer.builder(allocator, location, producer);
        if (tls != null) {
            tls.applyTo(builder);
        }
        FlightServer built = builder
                .executor(executor)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .authHandler(new HandshakeResponder())
                .middleware(SessionMiddleware.KEY, new SessionMiddleware.Factory(runtime.users(), sessions))
                .transportHint("grpc.builderConsumer",
                        (Consumer<NettyServerBuilder>) grpc -> grpc.intercept(new CancelledCallGuard())
                                .intercept(new TraceparentRecorder(runtime.traceparents())))
                .build();
        try {
            built.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(built);
            allocator.close();
            throw e instanceof IOException ? new UncheckedIOException("cannot start the Flight server on " + host + ":"
                    + port, (IOException) e) : (RuntimeException) e;
        }
        this.server = built;
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** The interface the server is bound to. */
    public String host() {
        return host;
    }

    /** Running and recently finished DoGet streams, oldest first. */
    public List<ObservedFlightStream> streams() {
        return streams.snapshot();
    }

    /** Bytes currently allocated by Flight buffers (0 when idle). */
    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /**
     * Stops the server: no new calls, running streams cancelled and their buffers freed, sessions closed.
     *
     * @throws IllegalStateException if Flight buffers are still allocated afterwards (a leak in the mock)
     */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!streams.cancelAll(SHUTDOWN_GRACE)) {
                LOG.warn("Flight streams still running after {}", SHUTDOWN_GRACE);
            }
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            executor.interruptRunning();
            awaitQuietly(executor);
            sessions.close();
            allocator.close();
        }
    }

    private static void awaitQuietly(CallThreads executor) {
        try {
            if (!executor.awaitIdle(SHUTDOWN_GRACE)) {
                LOG.warn("{} Flight call handlers still running after {}", executor.running(), SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FlightServer server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // never started
        }
    }
}
