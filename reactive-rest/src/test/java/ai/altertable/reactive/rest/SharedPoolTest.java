package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who closes what: a client made by {@code withOptions} shares the pool of the client it came from. */
class SharedPoolTest {

    static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "secret").start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void aVariantSharesThePoolAndClosingItLeavesThePoolOpen() {
        LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
        LakehouseClient wrong = client.withOptions(client.options().mutate()
                .credentials(Credentials.basic("alice", "wrong")).build());
        assertThat(wrong.pool()).isSameAs(client.pool());
        assertThat(wrong.options().credentials()).isNotSameAs(client.options().credentials());
        StepVerifier.create(wrong.query("SELECT 1")).expectError(AuthenticationException.class)
                .verify(Duration.ofSeconds(30));

        wrong.close();
        assertThat(client.pool().isDisposed()).isFalse();
        StepVerifier.create(client.query("SELECT 42").map(r -> r.getLong(0))).expectNext(42L).expectComplete()
                .verify(Duration.ofSeconds(30));

        client.close();
        assertThat(client.pool().isDisposed()).isTrue();
        client.close(); // idempotent
    }

    @Test
    void aVariantCannotChangeThePoolSettings() {
        try (LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials())) {
            for (LakehouseClientOptions other : new LakehouseClientOptions[]{
                    client.options().mutate().maxConnections(3).build(),
                    client.options().mutate().maxIdleTime(Duration.ofSeconds(1)).build(),
                    client.options().mutate().maxLifeTime(Duration.ofSeconds(1)).build()}) {
                assertThatThrownBy(() -> client.withOptions(other)).isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("pool");
            }
            assertThat(client.withOptions(client.options()).options()).isSameAs(client.options());
        }
    }

    @Test
    void eachCreatedClientOwnsItsPool() {
        try (LakehouseClient a = LakehouseClient.create(mock.baseUrl(), mock.credentials());
             LakehouseClient b = LakehouseClient.create(a.options())) {
            assertThat(b.pool()).isNotSameAs(a.pool());
            assertThat(b.options()).isSameAs(a.options());
        }
    }
}
