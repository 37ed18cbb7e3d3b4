package ai.altertable.reactive.examples;

// --8<-- [start:first-append-imports]
import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.rest.LakehouseClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.LocalDateTime;
// --8<-- [end:first-append-imports]
import ai.altertable.reactive.mock.AltertableMock;

/**
 * The README's first append, whole: create the table, name it with a {@link TableRef}, append a {@code Flux} of
 * records in batches, and read the count back. Runs against the embedded mock.
 */
public final class FirstAppend {

    private FirstAppend() {
    }

    // --8<-- [start:first-append-row]
    /** One row of the table: each record component fills the column of the same name. */
    public record PageView(LocalDateTime timestamp, String visitor, String page) {
    }
    // --8<-- [end:first-append-row]

    public static void main(String[] args) {
        try (AltertableMock mock = AltertableMock.start();
             LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            Flux<PageView> views = Flux.range(0, 1_000)
                    .map(i -> new PageView(LocalDateTime.now(), "visitor-" + i % 10, "/page/" + i % 7));
            BatchSummary summary = append(client, views);
            Long stored = client.query("SELECT count(*) FROM memory.main.page_views").map(row -> row.getLong(0))
                    .blockLast();
            System.out.printf("appended %,d rows in %d batch(es); the table holds %,d%n", summary.rows(),
                    summary.batches(), stored);
        }
    }

    /** Creates {@code memory.main.page_views} if needed and appends the views to it; returns the summary. */
    static BatchSummary append(LakehouseClient client, Flux<PageView> views) {
        // --8<-- [start:first-append]
        // 1. The table must exist: an append never creates one. "memory" is the embedded mock's catalog, "main" the
        //    default schema; against Altertable, name one of your catalogs.
        client.query("CREATE TABLE IF NOT EXISTS memory.main.page_views "
                + "(timestamp TIMESTAMP, visitor VARCHAR, page VARCHAR)").blockLast();

        // 2. TableRef names it by catalog, schema and table, as in the CREATE TABLE.
        TableRef pageViews = TableRef.of("memory", "main", "page_views");

        // 3. Append: the records are cut into POST /append batches; sync=true completes once the rows are written.
        BatchSummary summary = Batcher.summarize(client.appendAll(AppendOptions.of(pageViews, true), views,
                BatchingOptions.builder().maxRows(10_000).linger(Duration.ofMillis(50)).maxInFlight(2).build()))
                .block();
        // --8<-- [end:first-append]
        return summary;
    }
}
