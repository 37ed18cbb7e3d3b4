package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.examples.ArrowAnalytics.EventStats;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Arrow aggregation gives what DuckDB's own GROUP BYs give, over several batches and with NULLs. */
@ExtendWith(AltertableMockExtension.class)
class ArrowAnalyticsTest {

    @Test
    void aggregatingTheBatchesAgreesWithSql(AltertableMock mock) {
        try (LakehouseFlightClient flight = LakehouseFlightClient.create(mock.flightUri(),
                mock.credentials())) {
            flight.update("""
                    CREATE OR REPLACE TABLE events AS
                    SELECT CASE WHEN i % 97 = 0 THEN NULL ELSE TIMESTAMP '2026-11-01' + to_seconds(i * 37 % 86400) END
                               AS timestamp,
                           CASE WHEN i % 89 = 0 THEN NULL ELSE 'user-' || (i % 1234) END AS user_id,
                           CASE WHEN i % 83 = 0 THEN NULL WHEN i % 3 = 0 THEN 'purchase' ELSE 'page_view' END AS event
                    FROM range(200000) t(i)""").block();

            EventStats stats = ArrowAnalytics.eventStats(flight).block();

            assertThat(stats.events()).isEqualTo(200_000);
            assertThat(stats.batches()).isGreaterThan(1);
            Map<String, Long> perKind = flight.query("SELECT event, count(*) FROM events WHERE event IS NOT NULL GROUP BY 1")
                    .collectMap(r -> r.getString(0), r -> r.getLong(1)).block();
            assertThat(stats.perKind()).isEqualTo(perKind);
            long users = flight.query("SELECT count(DISTINCT user_id) FROM events").map(r -> r.getLong(0)).blockLast();
            assertThat(stats.distinctUsers()).isEqualTo(users);
            List<Row> hours = flight.query("SELECT hour(timestamp), count(*) FROM events WHERE timestamp IS NOT NULL"
                    + " GROUP BY 1").collectList().block();
            Map<Integer, Long> expected = hours.stream().collect(Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1)));
            long[] actual = stats.perHourOfDay();
            for (int h = 0; h < 24; h++) {
                assertThat(actual[h]).as("hour " + h).isEqualTo(expected.getOrDefault(h, 0L));
            }
            assertThat(flight.allocatedMemory()).isZero();
        }
    }

    @Test
    void anEmptyTableGivesEmptyTotals(AltertableMock mock) {
        try (LakehouseFlightClient flight = LakehouseFlightClient.create(mock.flightUri(),
                mock.credentials())) {
            flight.update("CREATE OR REPLACE TABLE events (timestamp TIMESTAMP, user_id VARCHAR, event VARCHAR)")
                    .block();

            EventStats stats = ArrowAnalytics.eventStats(flight).block();

            assertThat(stats.events()).isZero();
            assertThat(stats.perKind()).isEmpty();
            assertThat(stats.distinctUsers()).isZero();
        }
    }
}
