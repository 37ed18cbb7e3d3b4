package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.testsupport.SecretProbes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client logs for a query of 2,000 rows and a batched append of 300 rows in three batches, with its loggers at
 * DEBUG (see {@code simplelogger.properties}): one DEBUG line per exchange with the operation, method, path, status,
 * request id and duration, and the query id of each query; nothing per row; nothing at INFO or above for work that
 * went well; no password.
 */
class LogLinesTest {

    private static final String PASSWORD = "pa55-log-lines-7f3c";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Event(long id, String kind) {
    }

    @Test
    void oneDebugLinePerExchangeAndNothingPerRow() {
        String logs;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(SecretProbes.tee(err, captured), true, StandardCharsets.UTF_8));
        try (AltertableMock mock = AltertableMock.builder().user("dora", PASSWORD).start();
             LakehouseClient client = LakehouseClient.create(LakehouseClientOptions.builder()
                     .baseUrl(mock.baseUrl()).credentials(mock.credentials()).build())) {
            client.query("CREATE OR REPLACE TABLE log_lines (id BIGINT, kind VARCHAR)").blockLast(TIMEOUT);
            assertThat(client.query("SELECT range FROM range(2000)").count().block(TIMEOUT)).isEqualTo(2000);
            assertThat(client.appendAll(AppendOptions.of(TableRef.of("memory", "main", "log_lines"), true),
                            Flux.range(0, 300).map(i -> new Event(i, "view")),
                            BatchingOptions.builder().maxRows(100).build())
                    .count().block(TIMEOUT)).isEqualTo(3);
        } finally {
            System.setErr(err);
            logs = captured.toString(StandardCharsets.UTF_8);
        }
        List<String> lines = Arrays.stream(logs.split("\n"))
                .filter(l -> l.contains(" ai.altertable.reactive.") && !l.contains(" ai.altertable.reactive.mock."))
                .toList();

        List<String> queries = lines.stream()
                .filter(l -> l.contains("DEBUG ai.altertable.reactive.rest.internal.Transport - query POST /query -> 200 "))
                .toList();
        assertThat(queries).as("one line per query exchange: %s", lines).hasSize(2)
                .allMatch(l -> l.matches(".* request-id=\\S+ in \\d+ ms\\s*"));
        assertThat(lines).filteredOn(l -> l.matches(".* - query query-id=[0-9a-f-]{36} sending\\s*"))
                .as("the query id of each query: %s", lines).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains(" - append POST /append -> 200 request-id="))
                .as("one line per batch").hasSize(3);
        assertThat(lines).as("library lines at INFO or above").noneMatch(l -> l.matches(".*\\] (INFO|WARN|ERROR) .*"));
        assertThat(lines.size()).as("lines in all, for 2,000 rows and 300 appended: %s", lines).isLessThan(20);
        assertThat(logs).doesNotContain(PASSWORD);
    }
}
