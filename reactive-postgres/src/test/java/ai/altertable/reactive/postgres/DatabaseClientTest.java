package ai.altertable.reactive.postgres;

import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

/** Spring's {@link DatabaseClient} on the client's connection factory, as the README shows it. */
class DatabaseClientTest {

    static AltertableMock mock;
    static LakehousePostgresClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
        client = LakehousePostgresClient.create(MockPostgres.options(mock).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    record City(String name, long population) {
    }

    @Test
    void namedParametersAndRowMapping() {
        // README: Spring Data R2DBC
        DatabaseClient db = DatabaseClient.create(client.connectionFactory());
        var cities = db.sql("SELECT name, population FROM (VALUES ('Lyon', 522250), ('Paris', 2102650), "
                        + "('Nice', 348085)) AS t(name, population) WHERE population > :min ORDER BY population DESC")
                .bind("min", 400_000)
                .map(row -> new City(row.get("name", String.class), row.get("population", Long.class)))
                .all();
        // README end
        StepVerifier.create(cities)
                .expectNext(new City("Paris", 2102650), new City("Lyon", 522250))
                .verifyComplete();
    }

    @Test
    void updatesReportRowCounts() {
        DatabaseClient db = DatabaseClient.create(client.connectionFactory());
        StepVerifier.create(db.sql("CREATE TABLE spring_t AS SELECT range AS id FROM range(5)").then()
                        .then(db.sql("DELETE FROM spring_t WHERE id < :below").bind("below", 3).fetch().rowsUpdated()))
                .expectNext(3L)
                .verifyComplete();
    }
}
