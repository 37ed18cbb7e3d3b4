package ai.altertable.reactive.mock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class AltertableMockExtensionTest {

    @Nested
    @ExtendWith(AltertableMockExtension.class)
    class Default {
        static AltertableMock seenInBeforeAll;

        @BeforeAll
        static void before(AltertableMock mock) {
            seenInBeforeAll = mock;
        }

        @Test
        void injectsOneRunningMockPerClass(AltertableMock mock) {
            assertThat(mock).isSameAs(seenInBeforeAll);
            assertThat(mock.credentials().username()).isEqualTo(AltertableMock.DEFAULT_USERNAME);
            RawHttp.Response r = new RawHttp(mock).postJson("/query", "{\"statement\":\"SELECT 1\"}");
            assertThat(r.status()).isEqualTo(200);
        }

        @Test
        void theInjectedMockServesPostgres(AltertableMock mock) throws java.sql.SQLException {
            assertThat(mock.postgresUri().toString()).isEqualTo("postgresql://127.0.0.1:" + mock.postgresPort());
            try (java.sql.Connection c = PostgresJdbcWireTest.connect(mock.postgresJdbcUrl("memory"),
                    AltertableMock.DEFAULT_USERNAME, AltertableMock.DEFAULT_PASSWORD);
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT 40 + 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Nested
    class Configured {
        @RegisterExtension
        static final AltertableMockExtension LAKEHOUSE = AltertableMockExtension.of(
                () -> AltertableMock.builder().user("alice", "secret").columnShape(ColumnShape.NAMES));

        @Test
        void usesTheGivenSettings(AltertableMock mock) {
            assertThat(mock.usernames()).containsExactly("alice");
            RawHttp.Response r = new RawHttp(mock).postJson("/query", "{\"statement\":\"SELECT 1 AS one\"}");
            assertThat(r.lines().get(1)).isEqualTo("[\"one\"]");
        }
    }
}
