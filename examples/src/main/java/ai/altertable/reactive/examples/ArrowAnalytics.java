package ai.altertable.reactive.examples;

import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Analytics straight over Arrow record batches: events per kind, distinct users and events per hour of the day, read
 * from the columnar vectors of each batch as it arrives over Flight SQL, without turning a single cell into a
 * {@link ai.altertable.reactive.core.row.Row}. Each batch yields a partial {@link EventStats}; the partials are
 * merged as the stream goes, so memory holds one batch and the running totals, whatever the table's size.
 *
 * <p>{@link #main} runs it against the embedded mock on a million generated events:
 * {@code mvn -B -q -Pdemo -DskipTests verify -pl examples -am -Ddemo.main=ai.altertable.reactive.examples.ArrowAnalytics}.
 */
public final class ArrowAnalytics {

    private ArrowAnalytics() {
    }

    public static void main(String[] args) {
        try (AltertableMock mock = AltertableMock.start();
             LakehouseFlightClient flight = LakehouseFlightClient.create(mock.flightUri(), mock.credentials())) {
            long t0 = System.nanoTime();
            flight.update("""
                    CREATE OR REPLACE TABLE events AS
                    SELECT TIMESTAMP '2026-11-01' + to_days(i % 30) + to_seconds(i % 3600)
                               + to_hours(CAST(floor(24 * sqrt((i * 7919 % 100003) / 100003.0)) AS BIGINT)) AS timestamp,
                           'user-' || (i * 31 % 50000) AS user_id,
                           CASE WHEN i % 3 = 0 THEN 'purchase' ELSE 'page_view' END AS event
                    FROM range(1000000) t(i)""").block();
            System.out.printf("generated 1,000,000 events in %d ms%n", millisSince(t0));
            long t1 = System.nanoTime();
            EventStats stats = eventStats(flight).block();
            System.out.printf("aggregated over %d Arrow batches in %d ms%n", stats.batches(), millisSince(t1));
            printTotals(stats);
            printHours(stats);
        }
    }

    // --8<-- [start:aggregate]
    /** Reads {@code events} over Flight and aggregates each batch's vectors in place (callback-scoped batches). */
    public static Mono<EventStats> eventStats(LakehouseFlightClient flight) {
        return flight.queryBatches("SELECT timestamp, user_id, event FROM events", EventStats::of)
                .reduce(EventStats::merge)
                .defaultIfEmpty(new EventStats());
    }
    // --8<-- [end:aggregate]

    static void printTotals(EventStats stats) {
        System.out.printf("  %,d events from %,d distinct users%n", stats.events(), stats.distinctUsers());
        stats.perKind().forEach((kind, n) -> System.out.printf("  %-10s %,12d%n", kind, n));
    }

    static void printHours(EventStats stats) {
        long[] hours = stats.perHourOfDay();
        long peak = 0;
        for (long n : hours) {
            peak = Math.max(peak, n);
        }
        for (int h = 0; h < 24; h++) {
            int bar = peak == 0 ? 0 : (int) (40 * hours[h] / peak);
            System.out.printf("  %02d:00 %,9d %s%n", h, hours[h], "#".repeat(bar));
        }
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /**
     * Running totals over the events seen so far. {@link #of} reads one batch; {@link #merge} folds two partials.
     * Not thread-safe: Reactor's {@code reduce} hands it from one batch to the next, never to two threads at once.
     */
    public static final class EventStats {

        private final Map<String, Long> perKind = new HashMap<>();
        private final Set<String> users = new HashSet<>();
        private final long[] perHour = new long[24];
        private long events;
        private int batches;

        /** The totals of one batch, read from its vectors while the batch is valid (the callback's scope). */
        static EventStats of(VectorSchemaRoot root) {
            EventStats s = new EventStats();
            TimeStampVector timestamp = (TimeStampVector) root.getVector("timestamp");
            VarCharVector user = (VarCharVector) root.getVector("user_id");
            VarCharVector event = (VarCharVector) root.getVector("event");
            long perHourUnits = perHour(timestamp);
            int rows = root.getRowCount();
            for (int i = 0; i < rows; i++) {
                if (!event.isNull(i)) {
                    s.perKind.merge(new String(event.get(i), StandardCharsets.UTF_8), 1L, Long::sum);
                }
                if (!user.isNull(i)) {
                    s.users.add(new String(user.get(i), StandardCharsets.UTF_8));
                }
                if (!timestamp.isNull(i)) {
                    s.perHour[(int) Math.floorMod(Math.floorDiv(timestamp.get(i), perHourUnits), 24L)]++;
                }
            }
            s.events = rows;
            s.batches = 1;
            return s;
        }

        /** How many of the vector's units make an hour (DuckDB sends {@code TIMESTAMP} in microseconds). */
        private static long perHour(TimeStampVector vector) {
            ArrowType.Timestamp type = (ArrowType.Timestamp) vector.getField().getType();
            TimeUnit unit = switch (type.getUnit()) {
                case SECOND -> TimeUnit.SECONDS;
                case MILLISECOND -> TimeUnit.MILLISECONDS;
                case MICROSECOND -> TimeUnit.MICROSECONDS;
                case NANOSECOND -> TimeUnit.NANOSECONDS;
            };
            return unit.convert(1, TimeUnit.HOURS);
        }

        /** Folds {@code other} into this one and returns this. */
        EventStats merge(EventStats other) {
            other.perKind.forEach((k, n) -> perKind.merge(k, n, Long::sum));
            users.addAll(other.users);
            for (int h = 0; h < 24; h++) {
                perHour[h] += other.perHour[h];
            }
            events += other.events;
            batches += other.batches;
            return this;
        }

        public long events() {
            return events;
        }

        public int batches() {
            return batches;
        }

        public long distinctUsers() {
            return users.size();
        }

        /** Events per kind, by kind. */
        public Map<String, Long> perKind() {
            return new TreeMap<>(perKind);
        }

        /** Events per hour of the day (UTC), index 0 to 23. */
        public long[] perHourOfDay() {
            return perHour.clone();
        }
    }
}
