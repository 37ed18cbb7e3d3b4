package com.example.modular;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.batch.BatchSummary;
import ai.altertable.reactive.core.batch.Batcher;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.postgres.LakehousePostgresClient;
import ai.altertable.reactive.postgres.PostgresClientOptions;
import ai.altertable.reactive.rest.LakehouseClient;
import com.example.modular.model.Visit;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

/**
 * Runs on the module path (never the class path: it fails if it finds itself in the unnamed module). Checks each
 * published module's exports (see {@link ModuleVisibility}), then runs a REST query, a REST append of records read
 * back as records, a Flight query and a Postgres query against the embedded mock, all through the modules' descriptors. Any failure ends the JVM with a non-zero status, which fails
 * the build.
 */
public final class ModulePathMain {

    private static final List<String> MODULES = List.of("ai.altertable.reactive.core", "ai.altertable.reactive.rest",
            "ai.altertable.reactive.flight", "ai.altertable.reactive.postgres", "ai.altertable.reactive.mock");
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private ModulePathMain() {
    }

    public static void main(String[] args) throws Exception {
        if (!ModulePathMain.class.getModule().isNamed()) {
            throw new AssertionError("not on the module path");
        }
        for (String name : MODULES) {
            ModuleVisibility module = new ModuleVisibility(name);
            module.checkDescriptor();
            module.checkReflectionDenied();
            module.checkCompilation();
        }
        try (AltertableMock mock = AltertableMock.start()) {
            LakehouseClient rest = LakehouseClient.create(mock.baseUrl(), mock.credentials());
            try {
                List<Row> rows = rest.query("SELECT 42 AS answer, 'rest' AS via").collectList().block(QUERY_TIMEOUT);
                expectOneRow(rows, 42L, "rest");
                appendAndReadBack(rest);
            } finally {
                rest.close();
            }
            try (LakehouseFlightClient flight = LakehouseFlightClient.create(mock.flightUri().toString(),
                    mock.credentials())) {
                List<Row> rows = flight.query("SELECT 43 AS answer, 'flight' AS via").collectList()
                        .block(QUERY_TIMEOUT);
                expectOneRow(rows, 43L, "flight");
            }
            try (LakehousePostgresClient postgres = LakehousePostgresClient.create(PostgresClientOptions.builder()
                    .plaintext(mock.postgresUri().getHost(), mock.postgresPort(), "memory")
                    .credentials(mock.credentials()).build())) {
                List<Row> rows = postgres.query("SELECT 44 AS answer, 'postgres' AS via").collectList()
                        .block(QUERY_TIMEOUT);
                expectOneRow(rows, 44L, "postgres");
            }
        }
        System.out.println("module path: REST, Flight and Postgres queries completed");
    }

    /** Records of the application's own (opened, not exported) package, encoded by Jackson and mapped back. */
    private static void appendAndReadBack(LakehouseClient rest) {
        rest.query("CREATE TABLE memory.main.visits (id BIGINT, page VARCHAR)").blockLast(QUERY_TIMEOUT);
        BatchSummary summary = Batcher.summarize(rest.appendAll(
                AppendOptions.of(TableRef.of("memory", "main", "visits"), true),
                Flux.range(0, 100).map(i -> new Visit(i, "/p/" + i)),
                BatchingOptions.builder().maxRows(40).build())).block(QUERY_TIMEOUT);
        List<Visit> visits = rest.query("SELECT id, page FROM memory.main.visits ORDER BY id", Visit.class)
                .collectList().block(QUERY_TIMEOUT);
        if (summary == null || summary.rows() != 100 || visits == null || visits.size() != 100
                || !visits.get(99).equals(new Visit(99, "/p/99"))) {
            throw new AssertionError("append of records: " + summary + ", read back " + visits);
        }
    }

    private static void expectOneRow(List<Row> rows, long answer, String via) {
        if (rows == null || rows.size() != 1 || rows.get(0).getLong("answer") != answer
                || !via.equals(rows.get(0).getString("via"))) {
            throw new AssertionError(via + " query returned " + rows);
        }
    }
}
