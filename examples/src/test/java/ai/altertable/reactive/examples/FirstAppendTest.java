package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.examples.FirstAppend.PageView;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import ai.altertable.reactive.rest.LakehouseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first append (quoted from {@link FirstAppend}) works as written, on a fresh server. */
@ExtendWith(AltertableMockExtension.class)
class FirstAppendTest {

    @Test
    void theFirstAppendCreatesTheTableAndWritesEveryRow(AltertableMock mock) {
        LocalDateTime at = LocalDateTime.of(2024, 2, 29, 13, 45, 0);
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            BatchSummary summary = FirstAppend.append(client,
                    Flux.range(0, 2_500).map(i -> new PageView(at.plusSeconds(i), "visitor-" + i % 10, "/p/" + i)));

            assertThat(summary.rows()).isEqualTo(2_500);
            List<Row> rows = client.query("SELECT count(*) AS n, min(timestamp) AS first, max(page) AS last_page "
                    + "FROM memory.main.page_views").collectList().block();
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.getLong("n")).isEqualTo(2_500L);
                assertThat(row.getLocalDateTime("first")).isEqualTo(at);
                assertThat(row.getString("last_page")).isEqualTo("/p/999");
            });
        }
    }
}
