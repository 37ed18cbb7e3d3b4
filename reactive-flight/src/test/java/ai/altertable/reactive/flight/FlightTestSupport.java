package ai.altertable.reactive.flight;

import ai.altertable.reactive.flight.testserver.TestFlightServer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/**
 * A test server and a client per test. The client allocates from a root allocator of the test's own, which is closed
 * after the client: a buffer leaked by the client (or not closed by the test) fails the test.
 */
abstract class FlightTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    TestFlightServer server;
    BufferAllocator allocator;
    LakehouseFlightClient client;

    @BeforeEach
    void startServerAndClient() {
        server = new TestFlightServer();
        allocator = new RootAllocator();
        client = LakehouseFlightClient.create(options().build());
    }

    FlightClientOptions.Builder options() {
        return FlightClientOptions.builder()
                .endpoint(server.endpoint())
                .credentials(server.credentials())
                .allocator(allocator)
                .threads(4);
    }

    @AfterEach
    void closeEverything() throws Exception {
        try {
            client.close();
            allocator.close(); // throws on a leak
        } finally {
            server.close();
        }
    }
}
