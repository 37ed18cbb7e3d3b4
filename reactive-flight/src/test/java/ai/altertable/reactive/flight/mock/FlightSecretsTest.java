package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import org.apache.arrow.memory.RootAllocator;
import ai.altertable.reactive.testsupport.SecretProbes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static ai.altertable.reactive.testsupport.SecretProbes.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets over Flight: the error paths of the Flight client (bad credentials on every kind of call, SQL errors, a
 * stream aborted by the server, a refused connection) run with a marker password, which must appear in no log line
 * (library and mock loggers at debug level), exception message, error context, stack trace or {@code toString}.
 */
class FlightSecretsTest {

    static final String MARKER = "pw-MARKER-flight-5b2c";
    static final String WRONG = "pw-MARKER-flight-wrong-91e0";

    record Event(long id, String kind) {
    }

    @Test
    void noFlightErrorPathShowsThePassword() throws Exception {
        Map<String, Throwable> errors = new LinkedHashMap<>();
        List<String> texts = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String logs;
        System.setErr(new PrintStream(SecretProbes.tee(err, captured), true, StandardCharsets.UTF_8));
        try (AltertableMock mock = AltertableMock.builder().user("dave", MARKER).start();
             RootAllocator allocator = new RootAllocator()) {
            FlightClientOptions.Builder options = FlightClientOptions.builder().endpoint(mock.flightUri())
                    .allocator(allocator);
            try (LakehouseFlightClient good = LakehouseFlightClient.create(options
                    .credentials(Credentials.basic("dave", MARKER)).build());
                 LakehouseFlightClient wrong = LakehouseFlightClient.create(options
                         .credentials(Credentials.basic("dave", WRONG)).build())) {
                texts.add(good.toString());
                texts.add(wrong.toString());
                texts.add(options.build().toString());
                run(errors, "bad password, query", () -> wrong.query("SELECT 1"));
                run(errors, "bad password, update", () -> wrong.update("CREATE TABLE x (a INTEGER)"));
                run(errors, "bad password, ingest", () -> wrong.ingestRows(IngestOptions.builder("events").build(),
                        Flux.just(new Event(1, "k")), ArrowRowEncoder.forRecord(Event.class)));
                run(errors, "bad password, metadata", () -> wrong.tables(ai.altertable.reactive.flight.TableFilter.all()));
                run(errors, "SQL error", () -> good.query("SELECT * FROM nowhere"));
                run(errors, "prepared SQL error", () -> good.prepared("SELECT * FROM nowhere", p -> p.query()));
                run(errors, "stream aborted by the server", () -> {
                    mock.faults().add(FaultPlan.builder().path(FaultPlan.FLIGHT_DO_GET).errorAfterRows(0).build());
                    return good.query("SELECT 1");
                });
                assertThat(good.query("SELECT 1").map(r -> r.getInt(0)).blockLast(Duration.ofSeconds(30)))
                        .isEqualTo(1);
            }
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            try (LakehouseFlightClient nowhere = LakehouseFlightClient.create(FlightClientOptions.builder()
                    .endpoint("127.0.0.1", closedPort).credentials(Credentials.basic("dave", MARKER))
                    .allocator(allocator).build())) {
                texts.add(nowhere.toString());
                run(errors, "connection refused", () -> nowhere.query("SELECT 1"));
            }
        } finally {
            System.setErr(err);
            logs = captured.toString(StandardCharsets.UTF_8);
        }
        assertThat(errors).allSatisfy((what, e) -> assertThat(e).as(what).isInstanceOf(AltertableException.class));
        // the server's words are kept: only credentials are masked
        assertThat(errors.get("bad password, query")).hasMessageEndingWith("Authorization header must use Bearer scheme");
        assertThat(logs).as("captured logs").contains("DEBUG ai.altertable.reactive");
        for (Map.Entry<String, Throwable> e : errors.entrySet()) {
            texts.add(e.getKey() + ": " + everything(e.getValue()));
        }
        for (String password : List.of(MARKER, WRONG)) {
            for (String form : List.of(password, Base64.getEncoder().encodeToString(("dave:" + password)
                    .getBytes(StandardCharsets.UTF_8)))) {
                assertThat(texts).as("messages, toString, contexts and stack traces").noneMatch(t -> t.contains(form));
                assertThat(logs).as("log lines").doesNotContain(form);
            }
        }
        System.out.printf("[reliability] Flight secrets: %d error paths run with a marker password (%s); 0 found in "
                + "%d exception texts and %d log characters%n", errors.size(), String.join(", ", errors.keySet()),
                texts.size(), logs.length());
    }

    private static String everything(Throwable t) {
        return SecretProbes.everything(t, c -> c instanceof AltertableException
                ? ((AltertableException) c).context() : null);
    }
}
