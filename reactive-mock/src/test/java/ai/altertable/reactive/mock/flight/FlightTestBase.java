package ai.altertable.reactive.mock.flight;

import ai.altertable.reactive.mock.AltertableMock;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One mock per test class (closed after it: the mock's own allocator must close clean), and per test a client-side
 * {@link RootAllocator} that {@link #closeClients()} closes, failing the test on any client-side leak.
 */
abstract class FlightTestBase {

    static final String USER = "alice";
    static final String PASSWORD = "secret";

    static AltertableMock mock;

    BufferAllocator allocator;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void startMock() {
        mock = AltertableMock.builder().user(USER, PASSWORD).user("bob", "pw").start();
    }

    @AfterAll
    static void stopMock() {
        mock.close(); // throws if the mock leaked Flight buffers
    }

    @BeforeEach
    void openAllocator() {
        allocator = new RootAllocator(Long.MAX_VALUE);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (int i = clients.size() - 1; i >= 0; i--) {
            clients.get(i).close();
        }
        clients.clear();
        allocator.close(); // throws on a client-side leak
    }

    /** A client of {@link #USER} with a fresh session from its own Handshake; closed after the test. */
    FlightTestClient client() {
        return track(FlightTestClient.connect(mock, allocator, USER, PASSWORD));
    }

    /** A client that sends {@code authorization} as given, without Handshake; closed after the test. */
    FlightTestClient clientWithHeader(String authorization) {
        return track(FlightTestClient.withHeader(mock, allocator, authorization));
    }

    <T extends AutoCloseable> T track(T closeable) {
        clients.add(closeable);
        return closeable;
    }

    /** The Flight error {@code call} fails with, checked for its code. */
    static FlightRuntimeException failure(FlightStatusCode code, ThrowableAssert.ThrowingCallable call) {
        FlightRuntimeException e = catchThrowableOfType(FlightRuntimeException.class, call);
        assertThat(e).as("expected a FlightRuntimeException").isNotNull();
        assertThat(e.status().code()).as(e.getMessage()).isEqualTo(code);
        return e;
    }
}
