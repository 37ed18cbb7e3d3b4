package ai.altertable.reactive.spring.health;

import ai.altertable.reactive.core.AltertableException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * A health indicator over one cheap call of a client: UP when the call succeeds within the timeout, DOWN with the
 * failure otherwise. Never blocks: the call is the client's own non-blocking {@code Mono}, cut off by a timer after
 * {@code timeout} (which also cancels it). The DOWN details are the failure's type and message: the clients' messages
 * never hold credentials.
 */
abstract class ClientHealthCheck implements ReactiveHealthIndicator {

    private final Duration timeout;

    ClientHealthCheck(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("altertable.health.timeout must be positive, was " + timeout);
        }
    }

    /** The cheap call; it completes (with any value, or empty) when the client reached the lakehouse. */
    abstract Mono<?> probe();

    /** Details shown with either status (where the client connects; never a secret). */
    abstract Map<String, Object> details();

    @Override
    public Mono<Health> health() {
        return Mono.defer(this::probe)
                .then(Mono.fromSupplier(() -> Health.up().withDetails(details()).build()))
                .timeout(timeout, Mono.error(() -> new TimeoutException("no answer within " + timeout)))
                .onErrorResume(e -> Mono.just(Health.down().withDetails(details())
                        .withDetail("error", describe(e)).build()));
    }

    private static String describe(Throwable e) {
        String type = e instanceof AltertableException || e instanceof TimeoutException
                ? e.getClass().getSimpleName() : e.getClass().getName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
