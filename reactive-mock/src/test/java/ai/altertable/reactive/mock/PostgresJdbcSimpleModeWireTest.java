package ai.altertable.reactive.mock;

/** {@link PostgresJdbcWireTest}'s tests with pgjdbc on the simple query protocol ({@code preferQueryMode=simple}). */
class PostgresJdbcSimpleModeWireTest extends PostgresJdbcWireTest {

    @Override
    String url(String database) {
        return super.url(database) + "&preferQueryMode=simple";
    }
}
