package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Run by {@link ArrowFlagTest} in a JVM without {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, against a mock in
 * the test's JVM: a query (which needs no flag), an ingest and a prepared statement with a parameter (which do), each
 * printed as {@code <what>: <result or exception class>: <message>}.
 *
 * <p>Arguments: Flight endpoint, user, password, table to ingest into, query whose first value to print.
 */
public final class ArrowFlagWrites {

    private ArrowFlagWrites() {
    }

    record Event(long id, String kind) {
    }

    public static void main(String[] args) {
        try (LakehouseFlightClient client = LakehouseFlightClient.create(args[0], Credentials.basic(args[1], args[2]))) {
            print("query", client.query(args[4]).map(r -> r.get(0)).next());
            print("ingest", Batcher.summarize(client.ingestRows(IngestOptions.builder(args[3]).build(),
                    Flux.just(new Event(1, "k")), ArrowRowEncoder.forRecord(Event.class))));
            print("prepared", client.prepared("SELECT ? AS n", s -> s.query(7)).map(r -> r.getInt("n")).single());
        }
    }

    private static void print(String what, Mono<?> call) {
        try {
            System.out.println(what + ": ok: " + call.block(Duration.ofSeconds(60)));
        } catch (RuntimeException e) {
            System.out.println(what + ": " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
