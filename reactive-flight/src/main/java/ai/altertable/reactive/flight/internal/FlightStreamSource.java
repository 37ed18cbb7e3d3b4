package ai.altertable.reactive.flight.internal;

import io.grpc.Status;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.Map;

/**
 * A {@code DoGet} as a {@link RecordBatchSource}: Arrow's {@link FlightStream}, created inside its own
 * {@link CallScope} so that the session's token is injected and {@link #cancel()} cancels exactly this call.
 *
 * <p>Each stream has its own child allocator: Arrow allocates the stream's buffers from a {@code FlightClient} that
 * shares the client's channel but allocates from that child, and batches handed to the subscriber are transferred into
 * it. Arrow itself asks gRPC for a few messages ahead of {@code next()} (a window of five); the rest of the server's
 * data waits in gRPC's and HTTP/2's flow-control windows.
 */
final class FlightStreamSource implements RecordBatchSource {

    private static final Logger log = Loggers.getLogger(FlightStreamSource.class);

    private final FlightTransport transport;
    private final StreamMemory memory;
    private final FlightClient streamClient;
    private final CallScope scope;
    private final FlightStream stream;

    private FlightStreamSource(FlightTransport transport, StreamMemory memory, FlightClient streamClient,
                               CallScope scope, FlightStream stream) {
        this.transport = transport;
        this.memory = memory;
        this.streamClient = streamClient;
        this.scope = scope;
        this.stream = stream;
    }

    /** Starts the {@code DoGet} without trace headers; does not wait for the server. */
    static FlightStreamSource open(FlightTransport transport, SessionState session, Ticket ticket) throws Exception {
        return open(transport, session, ticket, Map.of());
    }

    /** Starts the {@code DoGet} with {@code headers} as metadata (trace context); does not wait for the server. */
    static FlightStreamSource open(FlightTransport transport, SessionState session, Ticket ticket,
                                   Map<String, String> headers) throws Exception {
        BufferAllocator allocator = transport.newStreamAllocator("doget");
        StreamMemory memory = new StreamMemory(allocator);
        transport.active().enter();
        FlightClient streamClient = null;
        try {
            FlightClient c = transport.streamClient(allocator);
            streamClient = c;
            CallScope scope = new CallScope(session, "DoGet").headers(headers);
            FlightStream stream = scope.call(() -> c.getStream(ticket)); // starts the call; never waits
            return new FlightStreamSource(transport, memory, c, scope, stream);
        } catch (Throwable e) {
            release(streamClient, memory, transport);
            throw e;
        }
    }

    @Override
    public boolean next() {
        return stream.next(); // waits for the next message: only ever called on an io thread
    }

    @Override
    public boolean hasRoot() {
        return stream.hasRoot();
    }

    @Override
    public VectorSchemaRoot root() {
        return stream.getRoot();
    }

    @Override
    public DictionaryProvider dictionaries() {
        return stream.getDictionaryProvider();
    }

    @Override
    public StreamMemory memory() {
        return memory;
    }

    @Override
    public void cancel() {
        scope.cancel();
    }

    @Override
    public void close() {
        try {
            // cancels a call that has not ended, drains what gRPC delivered (next() until the end), frees every buffer
            stream.close();
        } catch (Exception e) {
            // after a cancel, close() reports the cancellation; the buffers are freed all the same
            log.debug("closing a Flight stream: {}", e.toString());
        } finally {
            scope.cancel();
            release(streamClient, memory, transport);
        }
    }

    private static void release(FlightClient streamClient, StreamMemory memory, FlightTransport transport) {
        try {
            if (streamClient != null) {
                streamClient.close(); // closes only its allocator; the channel is shared (never waits)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            memory.release();
            transport.active().exit();
        }
    }

    @Override
    public Status status() {
        return scope.status();
    }
}
