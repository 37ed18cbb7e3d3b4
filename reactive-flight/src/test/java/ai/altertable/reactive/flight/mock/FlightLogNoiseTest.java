package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.flight.ArrowBatch;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.ObservedFlightStream;
import ai.altertable.reactive.testsupport.SecretProbes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failed handshake, or a stream cut short by {@code take(n)}, is reported once: as the client's typed exception. No
 * library logs a duplicate: Arrow's {@code ClientHandshakeWrapper} (SLF4J, ERROR with a stack trace per failure) is not
 * on the client's path, and gRPC's server warning {@code Stream closed before write could take place}
 * ({@code java.util.logging}) is not written for a stream the client cancelled. Both log outputs are captured: the
 * SLF4J binding's (standard error) and every {@code java.util.logging} record.
 */
class FlightLogNoiseTest extends MockTestSupport {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
    private final Handler julCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private PrintStream originalErr;

    @BeforeEach
    void captureLogs() {
        originalErr = System.err;
        System.setErr(new PrintStream(SecretProbes.tee(originalErr, stderr), true, StandardCharsets.UTF_8));
        julCapture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(julCapture);
    }

    @AfterEach
    void restoreLogs() {
        Logger.getLogger("").removeHandler(julCapture);
        System.setErr(originalErr);
    }

    private String slf4jOutput() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrongPasswordIsReportedOnlyAsTheTypedException() {
        try (LakehouseFlightClient wrong = LakehouseFlightClient.create(options()
                .credentials(Credentials.basic(USER, "not-the-password")).build())) {
            StepVerifier.create(wrong.query("SELECT 1"))
                    .expectError(AuthenticationException.class)
                    .verify(TIMEOUT);
        }
        assertNoDuplicateReports();
    }

    @Test
    void anUnreachableServerIsReportedOnlyAsTheTypedException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (LakehouseFlightClient nowhere = LakehouseFlightClient.create(FlightClientOptions.builder()
                .endpoint("127.0.0.1", closedPort).credentials(mock.credentials(USER)).allocator(allocator).build())) {
            StepVerifier.create(nowhere.query("SELECT 1"))
                    .expectError(NetworkException.class) // after the retry policy's attempts, each a handshake
                    .verify(TIMEOUT);
        }
        assertNoDuplicateReports();
    }

    @Test
    void streamsCutShortByTakeLeaveNoServerWarning() {
        String large = "SELECT i AS id FROM range(10000000) t(i)";
        long before = mock.flightStreams().stream().mapToLong(ObservedFlightStream::id).max().orElse(0);

        // each stream: one batch read, then cancelled while the mock still has data on its way (a large result)
        StepVerifier.create(Flux.range(0, 20).concatMap(i -> client.newSession().queryBatches(large).take(1)
                        .map(batch -> {
                            try (ArrowBatch b = batch) {
                                return b.rowCount();
                            }
                        })))
                .expectNextCount(20)
                .verifyComplete();
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(mock.flightStreams().stream()
                .filter(s -> s.id() > before).filter(ObservedFlightStream::running).toList())
                .as("streams still running on the mock").isEmpty());

        assertThat(julRecords).as("java.util.logging records").noneMatch(r -> r.getThrown() != null
                && String.valueOf(r.getThrown().getMessage()).contains("Stream closed before write could take place"));
        assertThat(slf4jOutput()).doesNotContain("Stream closed before write could take place");
    }

    private void assertNoDuplicateReports() {
        assertThat(slf4jOutput()).as("SLF4J output").doesNotContain("ClientHandshakeWrapper")
                .doesNotContain("ERROR org.apache.arrow");
        assertThat(julRecords).as("java.util.logging records")
                .noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                        && r.getLoggerName() != null && r.getLoggerName().startsWith("io.grpc"));
    }
}
