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
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process Arrow Flight SQL server on loopback for sections 2 and 7 that costs as little as a Flight server can:
 * any ingest is read to the end and answered with its row count (section 7); one
 * statement, {@link #QUERY}, answered with one endpoint whose {@code DoGet} streams pre-built {@link ArrowRowBatches}
 * (each loaded into the stream's root without copying, then {@code putNext}), as fast as the client's flow-control
 * window allows (while gRPC's {@code isReady()}, resumed by its on-ready callback, as a real server would). Any other
 * statement is an error.
 *
 * <p>Authentication is Arrow's own header scheme: a {@code Handshake} (or any call) with Basic credentials
 * {@link #USER}/{@link #PASSWORD} gets a bearer token in the response headers, which later calls carry. Both the
 * client under test and the raw {@code FlightSqlClient} of the baseline go through it.
 *
 * <p>Its threads are its own, named {@code flight-replay-*} (event loops, with the native transport when gRPC's client
 * uses it too, and the call executor on which the producer answers and streams), so that the harness can tell the server's CPU
 * time from the client's.
 */
public final class ReplayFlightServer implements AutoCloseable {

    public static final String USER = "bench";
    public static final String PASSWORD = "bench";
    /** The one statement the server answers. */
    public static final String QUERY = "SELECT id, ms, service FROM replay";
    /** The prefix of every thread the server runs on. */
    public static final String THREAD_PREFIX = "flight-replay-";

    private final BufferAllocator allocator = new RootAllocator();
    private final ArrowRowBatches data;
    // Plain threads, not Netty's FastThreadLocalThreads: the producer blocks on them (waiting for the client to read),
    // which BlockHound (in the smoke test) refuses on Netty's threads.
    private final ExecutorService calls = Executors.newCachedThreadPool(daemonThreads(THREAD_PREFIX + "call-"));
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final FlightServer server;
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong ingests = new AtomicLong();
    private final AtomicLong ingestedRows = new AtomicLong();
    private final AtomicLong ingestedBytes = new AtomicLong();

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

    /** {@code DoPut} ingests answered so far. */
    public long ingests() {
        return ingests.get();
    }

    /** Rows received by every ingest so far. */
    public long ingestedRows() {
        return ingestedRows.get();
    }

    /** Bytes of Arrow buffers received by every ingest so far. */
    public long ingestedBytes() {
        return ingestedBytes.get();
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

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
            new Send(listener).start();
        }

        /** Any ingest: reads every record batch (counting rows and buffer bytes) and answers the row count. */
        @Override
        public Runnable acceptPutStatementBulkIngest(FlightSql.CommandStatementIngest command, CallContext context,
                                                     FlightStream upload, StreamListener<PutResult> ack) {
            return () -> {
                long rows = 0;
                long bytes = 0;
                while (upload.next()) {
                    VectorSchemaRoot root = upload.getRoot();
                    rows += root.getRowCount();
                    for (FieldVector v : root.getFieldVectors()) {
                        bytes += v.getBufferSize();
                    }
                }
                ingests.incrementAndGet();
                ingestedRows.addAndGet(rows);
                ingestedBytes.addAndGet(bytes);
                byte[] result = FlightSql.DoPutUpdateResult.newBuilder().setRecordCount(rows).build().toByteArray();
                try (ArrowBuf buf = allocator.buffer(result.length)) {
                    buf.writeBytes(result);
                    ack.onNext(PutResult.metadata(buf));
                }
                ack.onCompleted();
            };
        }
    }

    /**
     * One {@code DoGet}: puts the pre-built batches while gRPC is ready for more, from a drain loop on the call
     * executor that gRPC's on-ready and on-cancel callbacks re-enter. {@code DoGet} itself returns at once: gRPC runs a
     * call's callbacks one at a time, so a producer that waited inside {@code DoGet} for the on-ready signal (as
     * Arrow's {@code CallbackBackpressureStrategy} does) would never get it once the flow-control window filled.
     */
    private final class Send implements Runnable {
        private final ServerStreamListener listener;
        private final AtomicInteger wip = new AtomicInteger();
        private final VectorSchemaRoot root = VectorSchemaRoot.create(ArrowRowBatches.SCHEMA, allocator);
        private final VectorLoader loader = new VectorLoader(root);
        // confined to the drain loop
        private int next;
        private boolean ended;

        Send(ServerStreamListener listener) {
            this.listener = listener;
        }

        /** Call on the DoGet's own thread. */
        void start() {
            listener.start(root);
            listener.setOnReadyHandler(this::signal);
            listener.setOnCancelHandler(this::signal);
            signal();
        }

        private void signal() {
            if (wip.getAndIncrement() == 0) {
                try {
                    calls.execute(this);
                } catch (RejectedExecutionException e) { // the server is closing
                    root.close();
                }
            }
        }

        @Override
        public void run() {
            int missed = 1;
            for (;;) {
                if (ended) {
                    return;
                }
                try {
                    List<ArrowRecordBatch> batches = data.batches();
                    if (listener.isCancelled()) {
                        end();
                        return;
                    }
                    while (next < batches.size() && listener.isReady() && !listener.isCancelled()) {
                        loader.load(batches.get(next++)); // the root's vectors now share the batch's buffers
                        listener.putNext();
                        batchesSent.incrementAndGet();
                    }
                    if (next == batches.size()) {
                        listener.completed();
                        end();
                        return;
                    }
                } catch (RuntimeException e) {
                    end();
                    listener.error(CallStatus.INTERNAL.withCause(e).withDescription(String.valueOf(e))
                            .toRuntimeException());
                    return;
                }
                missed = wip.addAndGet(-missed); // not ready: the on-ready handler signals again
                if (missed == 0) {
                    return;
                }
            }
        }

        private void end() {
            ended = true;
            root.close();
        }
    }
}
