package ai.altertable.reactive.micrometer;

import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The clients' metrics and observations with Micrometer. Hand it to {@code LakehouseClientOptions.Builder#observability}
 * or {@code FlightClientOptions.Builder#observability}:
 * <pre>{@code
 * MicrometerObservability observability = MicrometerObservability.builder()
 *         .meterRegistry(meterRegistry)               // meters under altertable.client.*
 *         .observationRegistry(observationRegistry)   // one observation per operation; traceparent with a tracer
 *         .build();
 * }</pre>
 * Either registry may be left out. Meters are tagged with {@code operation}, {@code transport}, and where they have one
 * an {@code outcome}, {@code status.class} or retry {@code cause}; {@code table} only with {@link Builder#tableTag}.
 * Nothing is recorded per row: the clients report rows and bytes per network chunk or Arrow batch. Thread-safe.
 */
public final class MicrometerObservability implements ClientObservability {

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final AltertableObservationConvention convention;
    private final boolean tableTag;
    private final boolean sqlText;
    private final boolean histograms;
    private final Map<String, AtomicLong> openStreams = new ConcurrentHashMap<>();
    private final Map<Tags, List<IntSupplier[]>> appenders = new ConcurrentHashMap<>();

    private MicrometerObservability(Builder b) {
        this.meters = b.meters;
        this.observations = b.observations;
        this.convention = b.convention;
        this.tableTag = b.tableTag;
        this.sqlText = b.sqlText;
        this.histograms = b.histograms;
        if (meters != null) {
            for (String transport : List.of(OperationStart.REST, OperationStart.FLIGHT)) {
                AtomicLong open = openStreams.computeIfAbsent(transport, t -> new AtomicLong());
                Gauge.builder(MeterNames.STREAMS_OPEN, open, AtomicLong::get).strongReference(true)
                        .description("streamed results open now").tag(MeterNames.TRANSPORT, transport)
                        .register(meters);
            }
        }
    }

    /** A builder; without any registry, {@link Builder#build()} fails. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public OperationObservation start(OperationStart start) {
        String table = tableTag ? start.table() : null;
        Tags tags = tags(start.operation(), start.transport(), table);
        AtomicLong open = start.kind() == OperationStart.Kind.STREAM && meters != null
                ? openStreams.computeIfAbsent(start.transport(), t -> new AtomicLong()) : null;
        Observation observation = null;
        AltertableObservationContext context = null;
        if (observations != null && !observations.isNoop()) {
            context = new AltertableObservationContext(start, table, sqlText ? start.statement() : null);
            AltertableObservationContext c = context;
            observation = Observation.createNotStarted(convention, DefaultAltertableObservationConvention.INSTANCE,
                    () -> c, observations);
            Object parent = start.context().getOrDefault(ObservationThreadLocalAccessor.KEY, null);
            if (parent instanceof Observation) {
                observation.parentObservation((Observation) parent);
            }
            observation.start();
        }
        return new MicrometerOperation(this, start, tags, open, observation, context);
    }

    @Override
    public void batchCompleted(String operation, String transport, String table, int rows, int attempts,
                               Throwable error) {
        if (meters == null) {
            return;
        }
        Tags tags = tags(operation, transport, tableTag ? table : null);
        if (error == null) {
            counter(MeterNames.BATCHES_WRITTEN, null, tags).increment();
            DistributionSummary.builder(MeterNames.BATCH_ROWS).baseUnit("rows").tags(tags)
                    .description("rows per written batch").publishPercentileHistogram(histograms).register(meters)
                    .record(rows);
        } else {
            counter(MeterNames.BATCHES_FAILED, null, tags.and(MeterNames.STATUS_CLASS, Outcomes.statusClass(error)))
                    .increment();
        }
        if (attempts > 1) {
            counter(MeterNames.BATCHES_RESENT, null, tags).increment();
        }
    }

    @Override
    public AutoCloseable appenderGauges(String operation, String transport, IntSupplier queueDepth,
                                        IntSupplier waitingCallers) {
        if (meters == null) {
            return () -> { };
        }
        Tags tags = tags(operation, transport, null);
        IntSupplier[] entry = {queueDepth, waitingCallers};
        List<IntSupplier[]> all = appenders.computeIfAbsent(tags, t -> {
            List<IntSupplier[]> list = new CopyOnWriteArrayList<>();
            Gauge.builder(MeterNames.APPENDER_QUEUE_DEPTH, list, l -> sum(l, 0)).strongReference(true).tags(t)
                    .description("items queued or in flight in shared appenders").register(meters);
            Gauge.builder(MeterNames.APPENDER_WAITING, list, l -> sum(l, 1)).strongReference(true).tags(t)
                    .description("callers waiting for room in shared appenders").register(meters);
            return list;
        });
        all.add(entry);
        return () -> all.remove(entry);
    }

    private static double sum(List<IntSupplier[]> appenders, int which) {
        double total = 0;
        for (IntSupplier[] a : appenders) {
            total += a[which].getAsInt();
        }
        return total;
    }

    private static Tags tags(String operation, String transport, String table) {
        Tags tags = Tags.of(Tag.of(MeterNames.OPERATION, operation), Tag.of(MeterNames.TRANSPORT, transport));
        return table == null ? tags : tags.and(MeterNames.TABLE, table);
    }

    MeterRegistry meters() {
        return meters;
    }

    long now() {
        return meters != null ? meters.config().clock().monotonicTime() : System.nanoTime();
    }

    Counter counter(String name, String unit, Tags tags) {
        return Counter.builder(name).baseUnit(unit).tags(tags).register(meters);
    }

    Timer timer(Tags tags, String name) {
        return Timer.builder(name).tags(tags).publishPercentileHistogram(histograms).register(meters);
    }

    @Override
    public String toString() {
        return "MicrometerObservability[meters=" + (meters != null) + ", observations=" + (observations != null)
                + ", tableTag=" + tableTag + ", sqlText=" + sqlText + "]";
    }

    /** Builder of {@link MicrometerObservability}. */
    public static final class Builder {
        private MeterRegistry meters;
        private ObservationRegistry observations;
        private AltertableObservationConvention convention;
        private boolean tableTag;
        private boolean sqlText;
        private boolean histograms;

        private Builder() {
        }

        /** Where the meters go; none without it. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meters = registry;
            return this;
        }

        /** Where the observations go (and through a tracing handler, spans and {@code traceparent}); none without it. */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observations = registry;
            return this;
        }

        /** Replaces {@link DefaultAltertableObservationConvention}; {@code null} restores it. */
        public Builder observationConvention(AltertableObservationConvention convention) {
            this.convention = convention;
            return this;
        }

        /**
         * Adds the target table as a {@code table} tag of write meters and observations (off by default: tables are a
         * bounded set in most services, but not in all).
         */
        public Builder tableTag(boolean enabled) {
            this.tableTag = enabled;
            return this;
        }

        /**
         * Adds the SQL text of queries to observations as the high-cardinality {@code db.statement} (off by default:
         * SQL may carry literal values; it is never redacted and never a metric tag).
         */
        public Builder sqlText(boolean enabled) {
            this.sqlText = enabled;
            return this;
        }

        /** Publishes percentile histograms for the timers and the rows-per-batch summary (off by default). */
        public Builder percentileHistograms(boolean enabled) {
            this.histograms = enabled;
            return this;
        }

        /** The instance; fails without any registry. */
        public MicrometerObservability build() {
            if (meters == null && observations == null) {
                throw new IllegalStateException("a MeterRegistry, an ObservationRegistry or both are needed");
            }
            return new MicrometerObservability(this);
        }
    }
}
