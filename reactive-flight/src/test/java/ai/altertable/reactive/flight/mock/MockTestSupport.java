package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client against the embedded Altertable mock (DuckDB behind Flight SQL and REST): one mock per test class, one
 * client per test allocating from a root allocator the test closes after the client, so a leak fails the test. Tables
 * get names unique to the test, since the user's database lives as long as the mock.
 */
abstract class MockTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String USER = "alice";
    static final String PASSWORD = "secret";
    private static final AtomicInteger TABLES = new AtomicInteger();

    static AltertableMock mock;

    BufferAllocator allocator;
    LakehouseFlightClient client;
    String table;

    @BeforeAll
    static void startMock() {
        mock = AltertableMock.builder().user(USER, PASSWORD).start();
    }

    @AfterAll
    static void stopMock() {
        mock.close(); // fails if the mock leaked Arrow buffers
    }

    @BeforeEach
    void connect(TestInfo test) {
        allocator = new RootAllocator();
        client = LakehouseFlightClient.create(options().build());
        table = test.getTestMethod().map(m -> m.getName()).orElse("t").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "") + "_" + TABLES.incrementAndGet();
    }

    FlightClientOptions.Builder options() {
        return FlightClientOptions.builder()
                .endpoint(mock.flightUri())
                .credentials(mock.credentials(USER))
                .allocator(allocator);
    }

    @AfterEach
    void disconnect() {
        client.close();
        allocator.close(); // throws on a client-side leak
    }
}
