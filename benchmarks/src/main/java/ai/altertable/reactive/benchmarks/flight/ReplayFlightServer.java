package ai.altertable.reactive.benchmarks.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process Arrow Flight SQL server on loopback for section 2 that costs as little as a Flight server can: one
 * statement, {@link #QUERY}, answered with one endpoint whose {@code DoGet} streams pre-built {@link ArrowRowBatches}
 * (each loaded into the stream's root without copying, then {@code putNext}), as fast as the client's flow-control
 * window allows (Arrow's {@link BackpressureStrategy.CallbackBackpressureStrategy}, as a real server would). Any other
 * statement is an error.
 *
 * <p>Authentication is Arrow's own header scheme: a {@code Handshake} (or any call) with Basic credentials
 * {@link #USER}/{@link #PASSWORD} gets a bearer token in the response headers, which later calls carry. Both the
 * client under test and the raw {@code FlightSqlClient} of the baseline go through it.
 *
 * <p>Its threads are its own, named {@code flight-replay-*} (event loops, with the native transport when gRPC's client
 * uses it too, and the call executor on which the producer streams), so that the harness can tell the server's CPU
 * time from the client's.
 */
public final class ReplayFlightServer implements AutoCloseable {

    public static final String USER = "bench";
    public static final String PASSWORD = "bench";
    /** The one statement the server answers. */
    public static final String QUERY = "SELECT id, ms, service FROM replay";
    /** The prefix of every thread the server runs on. */
    public static final String THREAD_PREFIX = "flight-replay-";
    private static final long WAIT_FOR_CLIENT_MS = 60_000;

    private final BufferAllocator allocator = new RootAllocator();
    private final ArrowRowBatches data;
    private final ExecutorService calls = Executors.newCachedThreadPool(
            new DefaultThreadFactory(THREAD_PREFIX + "call", true));
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final FlightServer server;
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();

    private ReplayFlightServer(long rows, int batchRows) {
        boolean epoll = Epoll.isAvailable();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(THREAD_PREFIX + "accept", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory(THREAD_PREFIX + "io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            this.data = ArrowRowBatches.build(allocator.newChildAllocator("replay-data", 0, Long.MAX_VALUE), rows,
                    batchRows);
            this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), new Producer())
                    .executor(calls)
                    .transportHint("netty.channelType", channel)
                    .transportHint("netty.bossEventLoopGroup", boss)
                    .transportHint("netty.workerEventLoopGroup", workers)
                    .headerAuthenticator(new GeneratedBearerTokenAuthenticator(new BasicCallHeaderAuthenticator(
                            (user, password) -> {
                                if (USER.equals(user) && PASSWORD.equals(password)) {
                                    return () -> user;
                                }
                                throw CallStatus.UNAUTHENTICATED.withDescription("bad credentials")
                                        .toRuntimeException();
                            })))
                    .build();
            server.start();
        } catch (IOException e) {
            shutdownThreads();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            shutdownThreads();
            throw e;
        }
    }

    /** Builds {@code rows} rows in batches of {@code batchRows} and starts serving them on an ephemeral port. */
    public static ReplayFlightServer start(long rows, int batchRows) {
        return new ReplayFlightServer(rows, batchRows);
    }

    public URI uri() {
        return URI.create("grpc://127.0.0.1:" + server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    public ArrowRowBatches data() {
        return data;
    }

    /** {@code DoGet} streams started. */
    public long streams() {
        return streams.get();
    }

    /** Batches put on the wire by every stream so far. */
    public long batchesSent() {
        return batchesSent.get();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            server.shutdown();
            server.awaitTermination(10, TimeUnit.SECONDS);
            server.close();
        } finally {
            shutdownThreads();
            data.close();
            allocator.getChildAllocators().forEach(BufferAllocator::close);
            allocator.close();
        }
    }

    private void shutdownThreads() {
        calls.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private final class Producer extends NoOpFlightSqlProducer {

        @Override
        public FlightInfo getFlightInfoStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                                 FlightDescriptor descriptor) {
            if (!QUERY.equals(command.getQuery())) {
                throw CallStatus.INVALID_ARGUMENT.withDescription("the replay server answers only: " + QUERY)
                        .toRuntimeException();
            }
            Ticket ticket = new Ticket(Any.pack(FlightSql.TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFromUtf8(QUERY)).build()).toByteArray());
            return new FlightInfo(ArrowRowBatches.SCHEMA, descriptor, List.of(new FlightEndpoint(ticket)), data.rows(),
                    data.bodyBytes());
        }

        @Override
        public void getStreamStatement(FlightSql.TicketStatementQuery ticket, CallContext context,
                                       ServerStreamListener listener) {
            streams.incrementAndGet();
            BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
            backpressure.register(listener);
            try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowRowBatches.SCHEMA, allocator)) {
                VectorLoader loader = new VectorLoader(root);
                listener.start(root);
                for (ArrowRecordBatch batch : data.batches()) {
                    BackpressureStrategy.WaitResult ready = backpressure.waitForListener(WAIT_FOR_CLIENT_MS);
                    if (ready == BackpressureStrategy.WaitResult.CANCELLED) {
                        return;
                    }
                    if (ready != BackpressureStrategy.WaitResult.READY) {
                        listener.error(CallStatus.TIMED_OUT.withDescription("the client stopped reading: " + ready)
                                .toRuntimeException());
                        return;
                    }
                    loader.load(batch); // the root's vectors now share the batch's buffers (no copy)
                    listener.putNext();
                    batchesSent.incrementAndGet();
                }
                listener.completed();
            }
        }
    }
}
