package ai.altertable.reactive.flight.testserver;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.mock.internal.flight.CallThreads;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * An in-process Flight SQL server on an ephemeral loopback port: {@link TestSqlProducer} behind {@link TokenAuth}, with
 * a 4 MiB inbound message limit like Altertable's. Closing it closes its allocator, so a server-side leak fails too.
 *
 * <p>The server runs its calls on an executor of its own (the mock's {@link CallThreads}), which never refuses a task and takes
 * no lock to accept one. gRPC tells a handler that its call ended (the client cancelled, or the server closed the
 * connection) by a task on that executor, handed over from its Netty event loop; a task lost there leaves a DoGet
 * handler waiting for its client for ever, holding its last batch, and the allocator then reports a leak (180,224 bytes
 * for {@code Dataset.wide}). Two ways of losing it were found: Arrow's {@code FlightServer.shutdown()} shuts the executor
 * it creates itself down at once, while calls are still open ({@code TestServerCloseTest} shows it every time); and
 * under BlockHound a {@code ThreadPoolExecutor}'s lock could be wedged for good (see {@link CallThreads}), a few runs
 * in a hundred of a test that cancels a stream. With both gone the server's allocator is checked strictly, like the
 * client's.
 */
public final class TestFlightServer implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "secret";

    private final BufferAllocator allocator = new RootAllocator();
    private final CallThreads executor = new CallThreads("test-flight-server");
    private final TokenAuth auth = new TokenAuth(Map.of(USER, PASSWORD));
    private final TestSqlProducer producer = new TestSqlProducer(allocator);
    private final FlightServer server;
    private boolean closed;

    public TestFlightServer() {
        server = FlightServer.builder(allocator, Location.forGrpcInsecure("127.0.0.1", 0), producer)
                .executor(executor)
                .middleware(TokenAuth.KEY, auth)
                .maxInboundMessageSize(4 * 1024 * 1024)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            allocator.close();
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "grpc://127.0.0.1:" + server.getPort();
    }

    public Credentials credentials() {
        return Credentials.basic(USER, PASSWORD);
    }

    public TokenAuth auth() {
        return auth;
    }

    public TestSqlProducer producer() {
        return producer;
    }

    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // no new calls; after 3 s, calls still open are cancelled, and their handlers hear of it on our executor
            server.close();
        } finally {
            executor.awaitIdle(Duration.ofSeconds(10)); // every handler has returned, its root closed
            // gRPC releases the buffers of cancelled calls on its event loop, shortly after the call ended
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> allocator.getAllocatedMemory() == 0);
            } catch (ConditionTimeoutException e) {
                // closing reports the leak
            }
            allocator.close();
        }
    }
}
