package ai.altertable.reactive.postgres;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.internal.pg.PgServer;

import java.lang.reflect.Field;

/** Test access to the mock's Postgres server counters (rows read from DuckDB, open connections). */
final class MockPostgres {

    private MockPostgres() {
    }

    /** The mock's Postgres server; its counters are public, the field that holds it is not. */
    static PgServer server(AltertableMock mock) {
        try {
            Field field = AltertableMock.class.getDeclaredField("postgres");
            field.setAccessible(true);
            return (PgServer) field.get(mock);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the mock's Postgres server is not reachable", e);
        }
    }

    /** Options for the mock's plaintext endpoint, database {@code memory}, as the first configured user. */
    static PostgresClientOptions.Builder options(AltertableMock mock) {
        return PostgresClientOptions.builder()
                .plaintext(mock.postgresUri().getHost(), mock.postgresPort(), "memory")
                .credentials(mock.credentials());
    }
}
