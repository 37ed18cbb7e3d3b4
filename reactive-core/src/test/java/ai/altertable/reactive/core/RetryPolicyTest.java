package ai.altertable.reactive.core;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    /** Jitter source fixed at the middle, so every backoff equals its base. */
    private static final RetryPolicy NO_SPREAD = RetryPolicy.builder().jitterSource(() -> 0.5).build();

    private static AltertableException status(int status) {
        return status(status, null);
    }

    private static AltertableException status(int status, Duration retryAfter) {
        return ai.altertable.reactive.core.internal.StatusErrors.forStatus(
                ErrorContext.builder().status(status).retryAfter(retryAfter).build(), false);
    }

    /** A call that fails with the given errors in turn, then succeeds; counts subscriptions. */
    private static Mono<String> failing(AtomicInteger attempts, Supplier<AltertableException> error, int failures) {
        return Mono.defer(() -> attempts.incrementAndGet() <= failures ? Mono.error(error.get()) : Mono.just("ok"));
    }

    @Test
    void idempotentCallsRetryWithExponentialBackoff() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(attempts, () -> status(503), 3).retryWhen(NO_SPREAD.retry(Operation.GET_QUERY)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(100 + 200 + 400).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("ok")
                .verifyComplete();
        assertThat(attempts).hasValue(4);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailureUnwrapped() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(attempts, () -> status(502), 100).retryWhen(NO_SPREAD.retry(Operation.VALIDATE)))
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ApiException.class);
                    assertThat(((ApiException) e).status()).isEqualTo(502);
                    assertThat(e.getSuppressed()).hasSize(RetryPolicy.DEFAULT_MAX_ATTEMPTS - 1);
                })
                .verify();
        assertThat(attempts).hasValue(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void nonRetryableFailuresAreNotRetried() {
        for (int s : new int[] {400, 401, 404, 422}) {
            AtomicInteger attempts = new AtomicInteger();
            StepVerifier.create(failing(attempts, () -> status(s), 1).retryWhen(NO_SPREAD.retry(Operation.GET_QUERY)))
                    .expectError(AltertableException.class).verify(Duration.ofSeconds(5));
            assertThat(attempts).as("status %s", s).hasValue(1);
        }
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.create(Mono.defer(() -> {
            attempts.incrementAndGet();
            return Mono.error(new IllegalStateException("bug"));
        }).retryWhen(NO_SPREAD.retry(Operation.GET_QUERY))).expectError(IllegalStateException.class).verify();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void writesAreNotRepeatedAfterTheRequestMayHaveArrived() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.isRetryable(status(503), Operation.APPEND)).isFalse();
        assertThat(p.isRetryable(status(500), Operation.UPLOAD)).isFalse();
        assertThat(p.isRetryable(new NetworkException("reset", ErrorContext.none()), Operation.UPSERT)).isFalse();
        assertThat(p.isRetryable(new OperationTimeoutException(OperationTimeoutException.Phase.RESPONSE,
                Duration.ofSeconds(1), ErrorContext.none(), null), Operation.APPEND)).isFalse();
        assertThat(p.isRetryable(status(503), Operation.QUERY)).isFalse();
        // provably not processed: safe even for writes
        assertThat(p.isRetryable(new NetworkException("refused", ErrorContext.none(), false, null), Operation.APPEND)).isTrue();
        assertThat(p.isRetryable(new OperationTimeoutException(OperationTimeoutException.Phase.CONNECT,
                Duration.ofSeconds(1), ErrorContext.none(), null), Operation.APPEND)).isTrue();
        assertThat(p.isRetryable(status(429), Operation.APPEND)).isTrue();
        // reads
        assertThat(p.isRetryable(status(503), Operation.READ_ONLY_QUERY)).isTrue();
        assertThat(p.isRetryable(new NetworkException("reset", ErrorContext.none()), Operation.CANCEL_QUERY)).isTrue();
    }

    @Test
    void appendIsRetriedOnlyWhenAtLeastOnceIsChosen() {
        AtomicInteger atMostOnce = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(atMostOnce, () -> status(503), 1).retryWhen(NO_SPREAD.retry(Operation.APPEND)))
                .expectError(ApiException.class).verify();
        assertThat(atMostOnce).hasValue(1);

        AtomicInteger atLeastOnce = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(atLeastOnce, () -> status(503), 1).retryWhen(NO_SPREAD.retry(Operation.APPEND, true)))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("ok").verifyComplete();
        assertThat(atLeastOnce).hasValue(2);
    }

    @Test
    void retryAfterReplacesTheBackoff() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(attempts, () -> status(429, Duration.ofSeconds(3)), 1)
                        .retryWhen(NO_SPREAD.retry(Operation.AUTOCOMPLETE)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(2999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("ok").verifyComplete();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void tooLongRetryAfterEndsRetrying() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(attempts, () -> status(503, Duration.ofMinutes(5)), 1)
                        .retryWhen(NO_SPREAD.retry(Operation.GET_TASK)))
                .expectError(ApiException.class).verify(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(1);

        RetryPolicy ignoring = NO_SPREAD.mutate().honourRetryAfter(false).build();
        AtomicInteger again = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(again, () -> status(503, Duration.ofMinutes(5)), 1)
                        .retryWhen(ignoring.retry(Operation.GET_TASK)))
                .thenAwait(Duration.ofMillis(100))
                .expectNext("ok").verifyComplete();
    }

    @Test
    void overallTimeCapStopsRetries() {
        RetryPolicy capped = NO_SPREAD.mutate().maxAttempts(100).maxElapsed(Duration.ofMillis(1000)).build();
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.withVirtualTime(() -> failing(attempts, () -> status(500), 1000).retryWhen(capped.retry(Operation.GET_QUERY)))
                .thenAwait(Duration.ofSeconds(10))
                .expectError(ApiException.class).verify();
        // 100 + 200 + 400 = 700 ms elapsed after three retries; the next (800 ms) would pass the 1 s cap
        assertThat(attempts).hasValue(4);
    }

    @Test
    void backoffIsExponentialCappedAndJittered() {
        assertThat(NO_SPREAD.backoff(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(NO_SPREAD.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(NO_SPREAD.backoff(10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(NO_SPREAD.backoff(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
        RetryPolicy low = RetryPolicy.builder().jitterSource(() -> 0.0).build();
        RetryPolicy high = RetryPolicy.builder().jitterSource(() -> 0.999999).build();
        assertThat(low.backoff(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(high.backoff(0)).isBetween(Duration.ofMillis(149), Duration.ofMillis(150));
        RetryPolicy real = RetryPolicy.defaults();
        for (int i = 0; i < 1000; i++) {
            assertThat(real.backoff(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
        }
    }

    @Test
    void noneNeverRetries() {
        AtomicInteger attempts = new AtomicInteger();
        StepVerifier.create(failing(attempts, () -> status(503), 5).retryWhen(RetryPolicy.none().retry(Operation.GET_QUERY)))
                .expectError(ApiException.class).verify(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void invalidSettingsFailAtBuild() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5).build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10)).build())
                .hasMessageContaining("maxBackoff");
    }
}
