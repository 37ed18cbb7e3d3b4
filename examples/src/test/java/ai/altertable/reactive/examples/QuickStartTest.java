package ai.altertable.reactive.examples;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.QueryResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(AltertableMockExtension.class)
class QuickStartTest {

    @Test
    void theDemoAppendsEventsAndReportsThirtyDaysOfActiveUsers(AltertableMock mock) {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            QueryResults dau = QuickStart.run(client);
            assertThat(dau.rows()).hasSizeBetween(30, 31);
            assertThat(dau.rows()).allSatisfy(r -> {
                assertThat(r.getLocalDateTime("day").toLocalDate()).isAfterOrEqualTo(LocalDate.now().minusDays(31));
                assertThat(r.getLong("daily_active_users")).isPositive();
            });
            long total = client.query("SELECT count(*) FROM events").map(r -> r.getLong(0)).blockLast();
            assertThat(total).isEqualTo(QuickStart.EVENTS);
        }
    }
}
