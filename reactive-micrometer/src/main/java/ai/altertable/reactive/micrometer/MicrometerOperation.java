package ai.altertable.reactive.micrometer;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one operation: its meters (resolved once, when first used) and its observation (when an observation
 * registry is configured). Ends exactly once; progress after the end is still counted but changes no outcome.
 */
final class MicrometerOperation implements OperationObservation {

    private final MicrometerObservability owner;
    private final Tags tags;
    private final long start;
    private final AtomicLong openStreams; // null unless a stream
    private final Observation observation; // null without an observation registry
    private final AltertableObservationContext context; // null without an observation registry
    private final AtomicBoolean ended = new AtomicBoolean();
    private boolean first;
    private Counter rowsIn;
    private Counter bytesIn;
    private Counter rowsOut;
    private Counter bytesOut;

    MicrometerOperation(MicrometerObservability owner, OperationStart start, Tags tags, AtomicLong openStreams,
                        Observation observation, AltertableObservationContext context) {
        this.owner = owner;
        this.tags = tags;
        this.openStreams = openStreams;
        this.observation = observation;
        this.context = context;
        this.start = owner.now();
        if (openStreams != null) {
            openStreams.incrementAndGet();
        }
    }

    @Override
    public void firstRow() {
        if (!first) {
            first = true;
            if (owner.meters() != null) {
                owner.timer(tags, MeterNames.FIRST_ROW)
                        .record(owner.now() - start, TimeUnit.NANOSECONDS);
            }
            if (observation != null) {
                observation.event(Observation.Event.of("first.row"));
            }
        }
    }

    @Override
    public void received(long rows, long bytes) {
        if (owner.meters() != null) {
            if (rowsIn == null) {
                rowsIn = owner.counter(MeterNames.ROWS_RECEIVED, null, tags);
                bytesIn = owner.counter(MeterNames.BYTES_RECEIVED, "bytes", tags);
            }
            rowsIn.increment(rows);
            bytesIn.increment(bytes);
        }
        if (context != null) {
            context.addRows(rows, 0);
        }
    }

    @Override
    public void sent(long rows, long bytes) {
        if (owner.meters() != null) {
            if (rowsOut == null) {
                rowsOut = owner.counter(MeterNames.ROWS_SENT, null, tags);
                bytesOut = owner.counter(MeterNames.BYTES_SENT, "bytes", tags);
            }
            rowsOut.increment(rows);
            bytesOut.increment(bytes);
        }
        if (context != null) {
            context.addRows(0, rows);
        }
    }

    @Override
    public void attribute(String key, String value) {
        if (context != null) {
            context.attribute(key, value);
        }
    }

    @Override
    public void retried(Throwable cause) {
        if (owner.meters() != null) {
            owner.counter(MeterNames.RETRIES, null,
                    tags.and(MeterNames.CAUSE, Outcomes.cause(cause))).increment();
        }
        if (observation != null) {
            observation.event(Observation.Event.of("retry"));
        }
    }

    @Override
    public void cancelSent() {
        if (owner.meters() != null) {
            owner.counter(MeterNames.CANCELS_SENT, null, tags).increment();
        }
    }

    @Override
    public void success() {
        end(Outcomes.SUCCESS, Outcomes.NONE, null);
    }

    @Override
    public void error(Throwable error) {
        end(Outcomes.ERROR, Outcomes.statusClass(error), error);
    }

    @Override
    public void cancelled() {
        end(Outcomes.CANCELLED, Outcomes.NONE, null);
    }

    private void end(String outcome, String statusClass, Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (openStreams != null) {
            openStreams.decrementAndGet();
        }
        if (owner.meters() != null) {
            owner.timer(tags.and(Tag.of(MeterNames.OUTCOME, outcome),
                            Tag.of(MeterNames.STATUS_CLASS, statusClass)),
                    MeterNames.OPERATION_DURATION)
                    .record(owner.now() - start, TimeUnit.NANOSECONDS);
        }
        if (observation != null) {
            context.outcome(outcome, statusClass);
            if (error instanceof AltertableException && ((AltertableException) error).requestId() != null) {
                context.attribute("request.id", ((AltertableException) error).requestId());
            }
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        }
    }
}
