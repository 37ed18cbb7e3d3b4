package ai.altertable.reactive.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How appended items are cut into batches: a batch is closed when it holds {@link #maxRows()} items, when adding the
 * next item would exceed {@link #maxBytes()} encoded bytes, or when {@link #linger()} has passed since its first item,
 * whichever comes first. At most {@link #maxInFlight()} batches are being written at once; the source is requested
 * only as fast as batches complete, so memory stays bounded whatever the source's rate.
 *
 * <p>What happens when a batch fails is set here too: the {@link #deliveryGuarantee()} (default
 * {@link DeliveryGuarantee#AT_MOST_ONCE}) and the {@link #errorPolicy()} (default {@link ErrorPolicy#FAIL_FAST}).
 *
 * <p>Immutable. The defaults keep a REST append body well below the server's 2 MiB limit.
 */
public final class BatchingOptions {

    /** Items per batch. */
    public static final int DEFAULT_MAX_ROWS = 10_000;
    /** Encoded bytes per batch: 1.5 MiB, leaving room below the REST body limit of 2 MiB. */
    public static final int DEFAULT_MAX_BYTES = 3 * 512 * 1024;
    /** Longest time a partly filled batch waits for more items. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);
    /** Batches written concurrently. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;

    /** What a batched write does after a batch failed for good (after any retries). */
    public enum ErrorPolicy {
        /** Stop: the result stream errors with the failure of the first failed batch; later batches are not written. */
        FAIL_FAST,
        /** Go on: the failed batch is reported in the results (with its error and rows) and the next batches are written. */
        CONTINUE
    }

    private static final BatchingOptions DEFAULTS = builder().build();

    private final int maxRows;
    private final int maxBytes;
    private final Duration linger;
    private final int maxInFlight;
    private final DeliveryGuarantee deliveryGuarantee;
    private final ErrorPolicy errorPolicy;

    private BatchingOptions(Builder b) {
        this.maxRows = b.maxRows;
        this.maxBytes = b.maxBytes;
        this.linger = b.linger;
        this.maxInFlight = b.maxInFlight;
        this.deliveryGuarantee = b.deliveryGuarantee;
        this.errorPolicy = b.errorPolicy;
    }

    public static BatchingOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder mutate() {
        return new Builder().maxRows(maxRows).maxBytes(maxBytes).linger(linger).maxInFlight(maxInFlight)
                .deliveryGuarantee(deliveryGuarantee).errorPolicy(errorPolicy);
    }

    public int maxRows() {
        return maxRows;
    }

    public int maxBytes() {
        return maxBytes;
    }

    public Duration linger() {
        return linger;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BatchingOptions)) {
            return false;
        }
        BatchingOptions that = (BatchingOptions) o;
        return maxRows == that.maxRows && maxBytes == that.maxBytes && maxInFlight == that.maxInFlight
                && linger.equals(that.linger) && deliveryGuarantee == that.deliveryGuarantee
                && errorPolicy == that.errorPolicy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRows, maxBytes, linger, maxInFlight, deliveryGuarantee, errorPolicy);
    }

    @Override
    public String toString() {
        return "BatchingOptions[maxRows=" + maxRows + ", maxBytes=" + maxBytes + ", linger=" + linger + ", maxInFlight="
                + maxInFlight + ", " + deliveryGuarantee + ", " + errorPolicy + "]";
    }

    /** Builder for {@link BatchingOptions}; invalid values fail at {@link #build()}. */
    public static final class Builder {
        private int maxRows = DEFAULT_MAX_ROWS;
        private int maxBytes = DEFAULT_MAX_BYTES;
        private Duration linger = DEFAULT_LINGER;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.AT_MOST_ONCE;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_FAST;

        private Builder() {
        }

        public Builder deliveryGuarantee(DeliveryGuarantee guarantee) {
            this.deliveryGuarantee = Objects.requireNonNull(guarantee, "guarantee");
            return this;
        }

        public Builder errorPolicy(ErrorPolicy policy) {
            this.errorPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder maxRows(int maxRows) {
            this.maxRows = maxRows;
            return this;
        }

        /** Upper bound of a batch's encoded size. A single item larger than this is rejected, never split. */
        public Builder maxBytes(int maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /** {@link Duration#ZERO} disables the timer: batches close by rows, bytes or the end of the source only. */
        public Builder linger(Duration linger) {
            this.linger = Objects.requireNonNull(linger, "linger");
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public BatchingOptions build() {
            if (maxRows < 1) {
                throw new ConfigurationException("maxRows must be at least 1, was " + maxRows);
            }
            if (maxBytes < 64) {
                throw new ConfigurationException("maxBytes must be at least 64, was " + maxBytes);
            }
            if (linger.isNegative()) {
                throw new ConfigurationException("linger must not be negative, was " + linger);
            }
            if (maxInFlight < 1) {
                throw new ConfigurationException("maxInFlight must be at least 1, was " + maxInFlight);
            }
            return new BatchingOptions(this);
        }
    }
}
