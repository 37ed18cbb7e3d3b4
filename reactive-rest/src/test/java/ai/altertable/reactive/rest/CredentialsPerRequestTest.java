package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixed credentials are set on the client once; any other provider is still asked on every request, so a rotated secret
 * is used by the next request without rebuilding the client.
 */
class CredentialsPerRequestTest {

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
    void fixedCredentialsAuthenticateEveryRequest() {
        try (LakehouseClient client = LakehouseClient.create(LakehouseClientOptions.builder().baseUrl(mock.baseUrl())
                .credentials(CredentialsProvider.of(Credentials.basic("alice", "secret"))).build())) {
            for (int i = 0; i < 3; i++) {
                StepVerifier.create(client.query("SELECT 42").map(r -> r.getLong(0))).expectNext(42L)
                        .expectComplete().verify(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void aRotatingProviderIsAskedOnEveryRequest() {
        AtomicInteger asked = new AtomicInteger();
        CredentialsProvider rotating = CredentialsProvider.rotating(() ->
                Credentials.basic("alice", asked.incrementAndGet() == 1 ? "old-secret" : "secret"));
        try (LakehouseClient client = LakehouseClient.create(LakehouseClientOptions.builder().baseUrl(mock.baseUrl())
                .credentials(rotating).build())) {
            StepVerifier.create(client.query("SELECT 1")).expectError(AuthenticationException.class)
                    .verify(Duration.ofSeconds(30));
            StepVerifier.create(client.query("SELECT 42").map(r -> r.getLong(0))).expectNext(42L).expectComplete()
                    .verify(Duration.ofSeconds(30));
            assertThat(asked.get()).isGreaterThanOrEqualTo(2);
        }
    }
}
