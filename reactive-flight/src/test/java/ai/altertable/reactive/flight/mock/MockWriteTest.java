package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.flight.FlightSession;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.flight.SessionOptions;
import ai.altertable.reactive.flight.TableFilter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuples;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Updates, prepared statements, transactions, session options and metadata against the mock. */
class MockWriteTest extends MockTestSupport {

    private long count(FlightSession session, String from) {
        return session.query("SELECT count(*) AS n FROM " + from).map(r -> r.getLong("n")).blockFirst(TIMEOUT);
    }

    @Test
    void updatesReportRowsChanged() {
        StepVerifier.create(client.update("CREATE TABLE " + table + " (id BIGINT, name VARCHAR)")).expectNext(0L)
                .verifyComplete();
        StepVerifier.create(client.update("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')")).expectNext(2L)
                .verifyComplete();
        StepVerifier.create(client.update("DELETE FROM " + table + " WHERE id = 42")).expectNext(0L).verifyComplete();
        StepVerifier.create(client.update("UPDATE " + table + " SET name = 'z'")).expectNext(2L).verifyComplete();
    }

    @Test
    void preparedStatementsBindParametersAndAreClosed() {
        client.update("CREATE TABLE " + table + " AS SELECT range AS id, 'n' || range AS name FROM range(10)")
                .block(TIMEOUT);

        StepVerifier.create(client.prepared("SELECT name FROM " + table + " WHERE id = ?",
                        s -> s.query(3L).concatWith(s.query(7L))).map(r -> r.getString("name")))
                .expectNext("n3", "n7")
                .verifyComplete();
        StepVerifier.create(client.prepared("SELECT ?::INTEGER + 1 AS n", s -> s.query(41)).map(r -> r.get("n")))
                .expectNext(42)
                .verifyComplete();
        StepVerifier.create(client.prepared("DELETE FROM " + table + " WHERE id < 5", s -> s.update()))
                .expectNext(5L)
                .verifyComplete();
        assertThat(count(client, table)).isEqualTo(5);
    }

    @Test
    void aCommittedTransactionIsVisibleOnlyAfterCommit() {
        client.update("CREATE TABLE " + table + " (id BIGINT)").block(TIMEOUT);

        String count = "SELECT count(*) AS n FROM " + table;
        StepVerifier.create(client.inTransaction(tx -> tx.update("INSERT INTO " + table + " VALUES (1), (2)")
                        .then(client.query(count).single()) // another session: not yet visible
                        .zipWhen(outside -> tx.query(count).single())
                        .map(rows -> Tuples.of(rows.getT1().getLong("n"), rows.getT2().getLong("n")))))
                .assertNext(seen -> {
                    assertThat(seen.getT1()).as("outside the transaction").isZero();
                    assertThat(seen.getT2()).as("inside the transaction").isEqualTo(2);
                })
                .verifyComplete();

        assertThat(count(client, table)).isEqualTo(2);
    }

    @Test
    void aFailedTransactionIsRolledBack() {
        client.update("CREATE TABLE " + table + " (id BIGINT)").block(TIMEOUT);
        IllegalStateException boom = new IllegalStateException("application failure");

        StepVerifier.create(client.inTransaction(tx -> tx.update("INSERT INTO " + table + " VALUES (1)")
                        .then(Mono.error(boom))))
                .expectErrorMatches(e -> e == boom)
                .verify(TIMEOUT);

        assertThat(count(client, table)).isZero();
    }

    @Test
    void aCancelledTransactionIsRolledBack() {
        client.update("CREATE TABLE " + table + " (id BIGINT)").block(TIMEOUT);

        StepVerifier.create(client.inTransaction(tx -> tx.update("INSERT INTO " + table + " VALUES (1)")
                        .thenMany(tx.query("SELECT range FROM range(1000000)"))), 1)
                .expectNextCount(1)
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> count(client, table) == 0 && client.allocatedMemory() == 0);
    }

    @Test
    void sessionOptionsSelectTheSchemaOfUnqualifiedNames() {
        client.update("CREATE SCHEMA IF NOT EXISTS analytics").block(TIMEOUT);
        client.update("CREATE TABLE analytics." + table + " AS SELECT 1 AS x").block(TIMEOUT);
        SessionOptions analytics = SessionOptions.builder().catalog("memory").schema("analytics").computeSize("XL")
                .build();

        try (LakehouseFlightClient configured = LakehouseFlightClient.create(options().sessionOptions(analytics).build())) {
            StepVerifier.create(configured.query("SELECT x FROM " + table).map(r -> r.getInt("x"))).expectNext(1)
                    .verifyComplete();
        }
        StepVerifier.create(client.setSessionOptions(SessionOptions.builder().schema("analytics").build()))
                .verifyComplete();
        StepVerifier.create(client.query("SELECT x FROM " + table)).expectNextCount(1).verifyComplete();
    }

    @Test
    void metadataReflectsTheDatabase() {
        client.update("CREATE TABLE " + table + " (id BIGINT, name VARCHAR)").block(TIMEOUT);

        List<String> catalogs = client.catalogs().collectList().block(TIMEOUT);
        assertThat(catalogs).contains("memory", "system", "temp").isSorted();
        assertThat(client.schemas("memory", null).collectList().block(TIMEOUT))
                .extracting(s -> s.schema()).contains("main");
        StepVerifier.create(client.tables(TableFilter.all().tablePattern(table).includeSchema(true)))
                .assertNext(t -> {
                    assertThat(t.name()).isEqualTo(table);
                    assertThat(t.type()).isEqualTo("BASE TABLE");
                    assertThat(t.catalog()).isEqualTo("memory");
                    assertThat(t.tableSchema()).hasValueSatisfying(s -> assertThat(s.getFields())
                            .extracting(f -> f.getName()).containsExactly("id", "name"));
                })
                .verifyComplete();
        assertThat(client.tables(TableFilter.all().tablePattern(table).types("VIEW")).collectList().block(TIMEOUT))
                .isEmpty();
        assertThat(client.tableTypes().collectList().block(TIMEOUT)).contains("BASE TABLE");
        StepVerifier.create(client.sqlInfo(0).map(info -> info.get(0)))
                .expectNext("Altertable Flight SQL Server")
                .verifyComplete();
    }
}
