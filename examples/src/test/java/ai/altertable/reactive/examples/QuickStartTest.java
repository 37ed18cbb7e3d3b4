package ai.altertable.reactive.examples;

import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AltertableMockExtension.class)
class QuickStartTest {

    @Test
    void theDemoAppendsEventsAndReportsThirtyDaysOfActiveUsers(AltertableMock mock) {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            QueryResult dau = QuickStart.run(client);
            assertThat(dau.rows()).hasSizeBetween(30, 31);
            assertThat(dau.rows()).allSatisfy(r -> {
                assertThat(r.getLocalDateTime("day").toLocalDate()).isAfterOrEqualTo(LocalDate.now().minusDays(31));
                assertThat(r.getLong("daily_active_users")).isPositive();
            });
            long total = client.query("SELECT count(*) FROM events").map(r -> r.getLong(0)).blockLast();
            assertThat(total).isEqualTo(QuickStart.EVENTS);
            long purchases = client.query("SELECT count(*) FROM events WHERE event = 'purchase'")
                    .map(r -> r.getLong(0)).blockLast();
            long users = client.query("SELECT count(DISTINCT user_id) FROM events").map(r -> r.getLong(0)).blockLast();

            try (LakehouseFlightClient flight = LakehouseFlightClient.create(mock.flightUri(), mock.credentials())) {
                ArrowAnalytics.EventStats stats = QuickStart.runFlight(flight);
                assertThat(stats.events()).isEqualTo(QuickStart.EVENTS);
                assertThat(stats.batches()).isGreaterThan(1);
                assertThat(stats.perKind()).containsEntry("purchase", purchases)
                        .containsEntry("page_view", QuickStart.EVENTS - purchases);
                assertThat(stats.distinctUsers()).isEqualTo(users);
                assertThat(java.util.Arrays.stream(stats.perHourOfDay()).sum()).isEqualTo(QuickStart.EVENTS);
                assertThat(flight.allocatedMemory()).isZero();
            }
        }
    }
}
