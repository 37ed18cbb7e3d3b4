package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.PolicyRetry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When and how a failed call is repeated: capped exponential backoff with jitter, a maximum number of attempts, an
 * overall time cap, and the server's {@code Retry-After}. Immutable; build with {@link #builder()} or start from
 * {@link #defaults()}.
 *
 * <p>Which failures are repeated is decided by {@link #isRetryable(Throwable, Operation)}:
 * <ul>
 *   <li>only {@link AltertableException}s that say {@link AltertableException#isRetryable()} (5xx other than 501, 408,
 *       429, network failures, timeouts), never auth, bad request, not found, parse or query errors;</li>
 *   <li>for an {@linkplain Operation#isIdempotent() idempotent} operation (reads, cancel, validate, autocomplete,
 *       read-only queries), any such failure;</li>
 *   <li>for a write ({@code append}, {@code upload}, {@code upsert}, a query that may write), only failures that prove
 *       the request was not processed: a connection that could not be established ({@link NetworkException} with
 *       {@link NetworkException#requestSent()} false, or a {@linkplain OperationTimeoutException.Phase#CONNECT connect
 *       timeout}) and HTTP 429. A write whose request may have reached the server is never repeated here; callers that
 *       want at-least-once delivery say so explicitly (see {@link #retry(Operation, boolean)}).</li>
 * </ul>
 *
 * <p>The {@link reactor.util.retry.Retry} from {@link #retry(Operation)} is applied per unit of work (one HTTP
 * exchange, one batch), never to a user's source publisher. When attempts, the time cap or the {@code Retry-After}
 * limit are exhausted, the last failure is propagated unchanged (not wrapped), with earlier failures attached as
 * suppressed exceptions.
 */
public final class RetryPolicy {

    /** Attempts in total, the first one included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Backoff before the first retry, before jitter. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    /** Upper bound of one backoff, before jitter. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Jitter factor: each backoff is spread uniformly over {@code [b * (1 - jitter), b * (1 + jitter)]}. */
    public static final double DEFAULT_JITTER = 0.5;
    /** Overall cap from the first attempt: no retry is scheduled that would start after it. */
    public static final Duration DEFAULT_MAX_ELAPSED = Duration.ofSeconds(30);
    /** Largest {@code Retry-After} honoured; a longer one ends retrying. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxElapsed;
    private final Duration maxRetryAfter;
    private final boolean honourRetryAfter;
    private final DoubleSupplier random;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxElapsed = b.maxElapsed;
        this.maxRetryAfter = b.maxRetryAfter;
        this.honourRetryAfter = b.honourRetryAfter;
        this.random = b.random;
    }

    /** The default policy: {@value #DEFAULT_MAX_ATTEMPTS} attempts, 100 ms doubling to 5 s, ±50% jitter, 30 s cap. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** A policy that never retries. */
    public static RetryPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder mutate() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.jitter = jitter;
        b.maxElapsed = maxElapsed;
        b.maxRetryAfter = maxRetryAfter;
        b.honourRetryAfter = honourRetryAfter;
        b.random = random;
        return b;
    }

    /** A Reactor {@code Retry} for one unit of work of {@code operation}, with the classification described above. */
    public reactor.util.retry.Retry retry(Operation operation) {
        return retry(operation, false);
    }

    /**
     * Like {@link #retry(Operation)}; with {@code atLeastOnce} true, a write is treated as repeatable (the caller accepts
     * that a repeated write may be applied twice).
     */
    public reactor.util.retry.Retry retry(Operation operation, boolean atLeastOnce) {
        Objects.requireNonNull(operation, "operation");
        return new PolicyRetry(this, e -> atLeastOnce ? isRetryableError(e) : isRetryable(e, operation));
    }

    /**
     * Like {@link #retry(Operation)}, and only while {@code stillRepeatable} says so. A stream uses this to stop
     * retrying once it has delivered data to its subscriber, since repeating it then would deliver that data twice.
     */
    public reactor.util.retry.Retry retry(Operation operation, java.util.function.BooleanSupplier stillRepeatable) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(stillRepeatable, "stillRepeatable");
        return new PolicyRetry(this, e -> stillRepeatable.getAsBoolean() && isRetryable(e, operation));
    }

    /** Whether {@code error} may be retried for {@code operation} (see the class description). */
    public boolean isRetryable(Throwable error, Operation operation) {
        if (!isRetryableError(error)) {
            return false;
        }
        if (operation.isIdempotent()) {
            return true;
        }
        return provablyNotProcessed((AltertableException) error);
    }

    private static boolean isRetryableError(Throwable error) {
        return error instanceof AltertableException && ((AltertableException) error).isRetryable();
    }

    private static boolean provablyNotProcessed(AltertableException e) {
        if (e instanceof NetworkException) {
            return !((NetworkException) e).requestSent();
        }
        if (e instanceof OperationTimeoutException) {
            return ((OperationTimeoutException) e).phase() == OperationTimeoutException.Phase.CONNECT;
        }
        return e.status() == 429;
    }

    /**
     * The delay before retry number {@code retryIndex} (0 for the first retry): {@code initial * 2^retryIndex}, capped
     * at the maximum backoff, spread by the jitter. A {@code Retry-After} on the failure replaces it when honoured.
     */
    public Duration backoff(long retryIndex) {
        double exp = Math.min((double) maxBackoff.toNanos(),
                initialBackoff.toNanos() * Math.pow(2, Math.min(retryIndex, 62)));
        double spread = jitter == 0 ? 1.0 : 1.0 - jitter + 2 * jitter * random.getAsDouble();
        long nanos = (long) Math.min((double) Long.MAX_VALUE, exp * spread);
        return Duration.ofNanos(Math.max(0, nanos));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public double jitter() {
        return jitter;
    }

    public Duration maxElapsed() {
        return maxElapsed;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    public boolean honourRetryAfter() {
        return honourRetryAfter;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + ", jitter="
                + jitter + ", maxElapsed=" + maxElapsed + ", retryAfter=" + (honourRetryAfter ? "<=" + maxRetryAfter : "ignored")
                + "]";
    }

    /** Builder for {@link RetryPolicy}. Every time is a {@link Duration}; invalid values fail at {@link #build()}. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double jitter = DEFAULT_JITTER;
        private Duration maxElapsed = DEFAULT_MAX_ELAPSED;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private boolean honourRetryAfter = true;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /** Attempts in total, the first included; 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
            return this;
        }

        /** Between 0 (no jitter) and 1. */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Cap on the time from the first attempt after which no further retry is started. */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = Objects.requireNonNull(maxElapsed, "maxElapsed");
            return this;
        }

        /** Whether to wait as long as the server's {@code Retry-After} says (up to {@link #maxRetryAfter}). */
        public Builder honourRetryAfter(boolean honourRetryAfter) {
            this.honourRetryAfter = honourRetryAfter;
            return this;
        }

        /** Largest {@code Retry-After} waited for; a longer one ends retrying with the failure. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /** Source of uniform values in [0, 1) for the jitter; for tests. */
        public Builder jitterSource(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public RetryPolicy build() {
            if (maxAttempts < 1) {
                throw new ConfigurationException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxElapsed.isNegative()
                    || maxRetryAfter.isNegative()) {
                throw new ConfigurationException("retry durations must not be negative");
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new ConfigurationException("maxBackoff must not be shorter than initialBackoff");
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new ConfigurationException("jitter must be between 0 and 1, was " + jitter);
            }
            return new RetryPolicy(this);
        }
    }
}
