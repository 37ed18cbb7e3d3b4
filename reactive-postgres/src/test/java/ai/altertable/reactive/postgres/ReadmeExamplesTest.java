package ai.altertable.reactive.postgres;

import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The README's Postgres client snippet, run against the embedded mock. */
class ReadmeExamplesTest {

    @Test
    void clientSnippet() {
        try (AltertableMock mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start()) {
            // README: Postgres client
            LakehousePostgresClient postgres = LakehousePostgresClient.create(PostgresClientOptions.builder()
                    // the mock is plaintext; yours: .endpoint("postgresql://<your-host>/my_catalog")
                    .plaintext(mock.postgresUri().getHost(), mock.postgresPort(), "memory")
                    .credentials(mock.credentials())                                     // or the ALTERTABLE_* environment
                    .build());
            Flux<String> names = postgres.query(
                            "SELECT name FROM (VALUES ('ann'), ('bob'), ('cy')) AS t(name) WHERE name > $1 ORDER BY name",
                            "b")
                    .map(row -> row.getString("name"));
            // README end
            StepVerifier.create(names).expectNext("bob", "cy").verifyComplete();
            postgres.close();
        }
    }
}
