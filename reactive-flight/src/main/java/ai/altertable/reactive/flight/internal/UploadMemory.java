package ai.altertable.reactive.flight.internal;

import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.memory.BufferAllocator;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The child allocator of one upload, and the {@code FlightClient} (sharing the client's channel) that allocates from
 * it. Released once gRPC and Netty have let go of the last messages: after a cancel they free them on the event loop
 * shortly afterwards, so {@link #release()} polls the allocator on the delivery scheduler, without blocking, before
 * closing it.
 * Counts as an active stream from {@link #open} until it is closed.
 */
final class UploadMemory {

    private static final Logger log = Loggers.getLogger(UploadMemory.class);
    private static final long POLL_MILLIS = 5;
    private static final long POLL_LIMIT = 2_000; // 10 s

    private final FlightTransport transport;
    private final BufferAllocator allocator;
    private FlightClient client; // created on first use, by the upload's worker

    private UploadMemory(FlightTransport transport, BufferAllocator allocator) {
        this.transport = transport;
        this.allocator = allocator;
    }

    static UploadMemory open(FlightTransport transport) {
        UploadMemory memory = new UploadMemory(transport, transport.newStreamAllocator("doput"));
        transport.active().enter();
        return memory;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    /** The upload's {@code FlightClient}. */
    FlightClient client() {
        if (client == null) {
            client = transport.streamClient(allocator);
        }
        return client;
    }

    /** Closes the allocator once nothing is allocated from it any more (or after 10 s, reporting the leak). */
    void release() {
        release(0);
    }

    private void release(long attempt) {
        if (allocator.getAllocatedMemory() > 0 && attempt < POLL_LIMIT) {
            try {
                transport.threads().delivery().schedule(() -> release(attempt + 1), POLL_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                // the scheduler is gone: close now
            }
        }
        try {
            if (client != null) {
                client.close();
            }
            allocator.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("a Flight upload did not release its Arrow memory: {}", e.getMessage());
        } finally {
            transport.active().exit();
        }
    }
}
