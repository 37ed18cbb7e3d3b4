package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.examples.ArrowAnalytics.EventStats;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.rest.QueryResult;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The README's demo: starts the embedded mock (or uses a real Altertable when {@code ALTERTABLE_BASE_URL} and
 * credentials are set), appends a stream of synthetic events over REST, runs the daily-active-users query and prints
 * it, then reads the same table over Arrow Flight SQL and aggregates its record batches ({@link ArrowAnalytics}).
 * Against a real Altertable, Flight goes to {@code ALTERTABLE_FLIGHT_URL} if set, else to the default endpoint
 * ({@link ai.altertable.reactive.flight.FlightClientOptions#ENV_ENDPOINT}).
 */
public final class QuickStart {

    static final int EVENTS = 100_000;

    private QuickStart() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        boolean real = System.getenv(LakehouseClientOptions.ENV_BASE_URL) != null
                && Credentials.presentIn(System.getenv());
        try (AltertableMock mock = real ? null : AltertableMock.start()) {
            // --8<-- [start:client]
            LakehouseClient client = real
                    ? LakehouseClient.create()                                   // ALTERTABLE_* environment
                    : LakehouseClient.create(mock.baseUrl(), mock.credentials()); // the embedded mock
            // --8<-- [end:client]
            System.out.printf("altertable-reactive demo against %s%n", client.options().baseUrl());
            run(client);
            client.close();
            // --8<-- [start:flight-client]
            LakehouseFlightClient flight = real
                    ? LakehouseFlightClient.create()                                     // ALTERTABLE_* environment
                    : LakehouseFlightClient.create(mock.flightUri(), mock.credentials()); // the embedded mock
            // --8<-- [end:flight-client]
            try (flight) {
                runFlight(flight);
            }
        }
        System.out.printf("done in %d ms%n", Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    /** Creates the table, appends the events, runs and prints the daily-active-users query; returns its result. */
    static QueryResult run(LakehouseClient client) {
        client.query("CREATE OR REPLACE TABLE events (timestamp TIMESTAMP, user_id VARCHAR, event VARCHAR)")
                .blockLast();

        long t1 = System.nanoTime();
        // --8<-- [start:append]
        TableRef events = TableRef.of("memory", "main", "events");
        Flux<Event> stream = Flux.range(0, EVENTS).map(QuickStart::syntheticEvent);
        BatchSummary appended = Batcher.summarize(client.appendAll(AppendOptions.of(events, true), stream,
                BatchingOptions.builder().maxRows(10_000).maxInFlight(2).build())).block();
        // --8<-- [end:append]
        System.out.printf("appended %,d events in %d batches in %d ms%n", appended.rows(), appended.batches(),
                Duration.ofNanos(System.nanoTime() - t1).toMillis());

        long t2 = System.nanoTime();
        // --8<-- [start:dau]
        QueryResult dau = client.queryAll("""
                SELECT date_trunc('day', timestamp) AS day, COUNT(DISTINCT user_id) AS daily_active_users
                FROM events
                WHERE timestamp >= now() - INTERVAL 30 DAY
                GROUP BY 1 ORDER BY 1""").block();
        // --8<-- [end:dau]
        System.out.printf("daily active users, last 30 days (%d ms):%n", Duration.ofNanos(System.nanoTime() - t2).toMillis());
        printTable(dau.rows());
        return dau;
    }

    /** Reads the events table over Flight as Arrow batches, aggregates them, prints and returns the totals. */
    static EventStats runFlight(LakehouseFlightClient flight) {
        long t = System.nanoTime();
        EventStats stats = ArrowAnalytics.eventStats(flight).block();
        System.out.printf("read the same table over Flight SQL: %,d events in %d Arrow batches in %d ms%n",
                stats.events(), stats.batches(), Duration.ofNanos(System.nanoTime() - t).toMillis());
        ArrowAnalytics.printTotals(stats);
        return stats;
    }

    /** One synthetic event; records are encoded to JSON objects by field name. */
    record Event(LocalDateTime timestamp, String user_id, String event) {
    }

    static Event syntheticEvent(int i) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDateTime at = LocalDateTime.ofInstant(Instant.now().minus(r.nextInt(30 * 24 * 60), ChronoUnit.MINUTES),
                ZoneOffset.UTC);
        return new Event(at, "user-" + r.nextInt(5_000), i % 3 == 0 ? "purchase" : "page_view");
    }

    static void printTable(List<Row> rows) {
        System.out.println("  day          | daily_active_users");
        System.out.println("  -------------+-------------------");
        for (Row row : rows) {
            System.out.printf("  %-12s | %,18d%n", row.getLocalDateTime("day").toLocalDate(), row.getLong("daily_active_users"));
        }
    }
}
