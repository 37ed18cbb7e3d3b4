package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsAndRetriesTest {

    static final String MARKER_PASSWORD = "Marker-Pw-7f3a9c";

    static AltertableMock mock;
    static LakehouseClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", MARKER_PASSWORD).start();
        client = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl(mock.baseUrl()).credentials(mock.credentials())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50)).build())
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorWithoutSecrets() {
        LakehouseClient wrong = client.withOptions(client.options().mutate()
                .credentials(Credentials.basic("alice", "not-" + MARKER_PASSWORD)).build());
        StepVerifier.create(wrong.query("SELECT 1"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(AuthenticationException.class);
                    assertThat(((AuthenticationException) e).status()).isEqualTo(401);
                    assertThat(((AuthenticationException) e).bodyExcerpt()).isNull();
                    assertThat(e.getMessage()).doesNotContain(MARKER_PASSWORD)
                            .doesNotContain(Credentials.basic("alice", "not-" + MARKER_PASSWORD).basicToken());
                })
                .verify(Duration.ofSeconds(30));
        assertThat(wrong.toString()).doesNotContain(MARKER_PASSWORD);
    }

    @Test
    void readsAreRetriedThroughHtml5xx() {
        mock.faults().failNext(2, "/validate", 503);
        StepVerifier.create(client.validate("SELECT 1"))
                .assertNext(v -> assertThat(v.valid()).isTrue())
                .verifyComplete();
    }

    @Test
    void readOnlyQueriesAreRetriedUntilTheFirstRow() {
        mock.faults().add(FaultPlan.builder().status(502).times(2).path("/query").build());
        StepVerifier.create(client.query("SELECT 5").map(r -> r.getInt(0))).expectNext(5).verifyComplete();
    }

    @Test
    void html5xxBodyIsExcerptedAndTyped() {
        LakehouseClient noRetry = client.withOptions(client.options().mutate().retryPolicy(RetryPolicy.none()).build());
        mock.faults().failNext(1, "/validate", 503);
        StepVerifier.create(noRetry.validate("SELECT 1"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class);
                    ApiException a = (ApiException) e;
                    assertThat(a.status()).isEqualTo(503);
                    assertThat(a.isRetryable()).isTrue();
                    assertThat(a.bodyExcerpt()).contains("503");
                    assertThat(a.path()).isEqualTo("/validate");
                    assertThat(a.method()).isEqualTo("POST");
                })
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void appendIsNotRetriedAfterA5xx() {
        client.query("CREATE OR REPLACE TABLE once (n INTEGER)").blockLast();
        mock.faults().failNext(1, "/append", 500);
        TableRef once = TableRef.of("memory", "main", "once");
        StepVerifier.create(client.append(AppendOptions.of(once, true), List.of(Map.of("n", 1))))
                .expectError(ApiException.class)
                .verify(Duration.ofSeconds(30));
        // the fault consumed exactly one request: the append was not re-sent
        StepVerifier.create(client.append(AppendOptions.of(once, true), List.of(Map.of("n", 2))))
                .assertNext(r -> assertThat(r.ok()).isTrue())
                .verifyComplete();
        StepVerifier.create(client.query("SELECT count(*) FROM once").map(r -> r.getLong(0))).expectNext(1L).verifyComplete();
    }

    @Test
    void appendIsRetriedOn429WithRetryAfter() {
        client.query("CREATE OR REPLACE TABLE paced (n INTEGER)").blockLast();
        mock.faults().add(FaultPlan.builder().status(429).retryAfter(Duration.ofSeconds(1)).path("/append").build());
        long t0 = System.nanoTime();
        StepVerifier.create(client.append(AppendOptions.of(TableRef.of("memory", "main", "paced"), true),
                        List.of(Map.of("n", 1))))
                .assertNext(r -> assertThat(r.ok()).isTrue())
                .verifyComplete();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void unknownQueryIdIsNotFound() {
        StepVerifier.create(client.getQuery("00000000-0000-4000-8000-000000000000"))
                .expectError(NotFoundException.class)
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void refusedConnectionIsANetworkErrorNotSent() {
        LakehouseClient nowhere = LakehouseClient.create(LakehouseClientOptions.builder()
                .baseUrl("http://127.0.0.1:1").credentials(mock.credentials())
                .retryPolicy(RetryPolicy.none()).build());
        StepVerifier.create(nowhere.validate("SELECT 1"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(NetworkException.class);
                    assertThat(((NetworkException) e).requestSent()).isFalse();
                })
                .verify(Duration.ofSeconds(30));
        nowhere.close();
    }

    @Test
    void responseTimeoutIsTyped() {
        LakehouseClient impatient = client.withOptions(client.options().mutate()
                .responseTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.none())
                .httpClient(h -> h.headers(x -> x.set(FaultPlan.HEADER, "first-line-delay=3s"))).build());
        StepVerifier.create(impatient.query("SELECT 1"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OperationTimeoutException.class)
                        .extracting(t -> ((OperationTimeoutException) t).phase())
                        .isEqualTo(OperationTimeoutException.Phase.RESPONSE))
                .verify(Duration.ofSeconds(30));
    }
}
