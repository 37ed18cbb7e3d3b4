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
