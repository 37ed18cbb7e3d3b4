package ai.altertable.reactive.micrometer;

/** The tag keys and meter names; see the README's meter table. */
final class MeterNames {

    static final String PREFIX = "altertable.client.";
    static final String OPERATION = "operation";
    static final String TRANSPORT = "transport";
    static final String OUTCOME = "outcome";
    static final String STATUS_CLASS = "status.class";
    static final String TABLE = "table";
    static final String CAUSE = "cause";

    static final String OPERATION_DURATION = PREFIX + "operation.duration";
    static final String FIRST_ROW = PREFIX + "first.row";
    static final String ROWS_RECEIVED = PREFIX + "rows.received";
    static final String BYTES_RECEIVED = PREFIX + "bytes.received";
    static final String ROWS_SENT = PREFIX + "rows.sent";
    static final String BYTES_SENT = PREFIX + "bytes.sent";
    static final String STREAMS_OPEN = PREFIX + "streams.open";
    static final String BATCHES_WRITTEN = PREFIX + "batches.written";
    static final String BATCH_ROWS = PREFIX + "batch.rows";
    static final String BATCHES_FAILED = PREFIX + "batches.failed";
    static final String BATCHES_RESENT = PREFIX + "batches.resent";
    static final String RETRIES = PREFIX + "retries";
    static final String CANCELS_SENT = PREFIX + "cancels.sent";
    static final String APPENDER_QUEUE_DEPTH = PREFIX + "appender.queue.depth";
    static final String APPENDER_WAITING = PREFIX + "appender.waiting";

    private MeterNames() {
    }
}
