package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.internal.encode.ResultEncoder;
import ai.altertable.reactive.mock.internal.encode.ColumnInfo;
import ai.altertable.reactive.mock.internal.encode.RowJsonFactory;
import ai.altertable.reactive.mock.internal.encode.UnencodableValueException;
import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.mock.internal.db.UserDatabase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The body of a default-format {@code /query} response as a cold, demand-driven {@code Flux<byte[]>}: the query is
 * executed on the first request, then each requested chunk of NDJSON lines (up to {@value #CHUNK_BYTES} bytes) is read
 * from the result set in a turn of its own. Reactor Netty requests chunks only while the socket is writable, so a
 * client that stops reading stops the server from reading rows: the rows produced stay within a bounded window of
 * those sent.
 *
 * <p>All JDBC work runs on the database threads, one chunk per turn ({@link SlicedStream}): between two chunks of a
 * long stream, whatever else waits for a database thread runs first, so short requests are not stuck behind streams
 * that their readers keep draining. Cancellation (client gone, {@code DELETE /query/{id}}) interrupts the statement,
 * and the resources are closed in a turn too.
 */
final class NdjsonQueryStream {

    static final int CHUNK_BYTES = 32 * 1024;
    private static final String CLIENT_GONE = "Query cancelled: the client closed the connection";
    private static final JsonFactory JSON = RowJsonFactory.get();

    private final UserDatabase db;
    private final QueryParams params;
    private final RunningQuery running;
    private final ColumnShape shape;
    private final FaultPlan fault;
    private final Scheduler scheduler;
    private final Consumer<QueryOutcome> onEnd;
    private final AtomicBoolean reported = new AtomicBoolean();

    NdjsonQueryStream(UserDatabase db, QueryParams params, RunningQuery running, ColumnShape shape, FaultPlan fault,
                      Scheduler scheduler, Consumer<QueryOutcome> onEnd) {
        this.db = db;
        this.params = params;
        this.running = running;
        this.shape = shape;
        this.fault = fault;
        this.scheduler = scheduler;
        this.onEnd = onEnd;
    }

    /** How a query's response ended, for the query log. */
    record QueryOutcome(String error, boolean clientGone) {
    }

    /**
     * The body. A subscription cancelled before its first turn ran on the database threads (a client that left at once)
     * has no state to clean up, so its end is reported here; {@link #report} keeps it to one report.
     */
    Flux<byte[]> body() {
        AtomicBoolean generating = new AtomicBoolean();
        return SlicedStream.<State, byte[]>create(scheduler::schedule, () -> {
                    generating.set(true);
                    return new State();
                }, this::next, this::cleanup)
                .doOnCancel(running::clientGone)
                .doFinally(signal -> {
                    if (!generating.get()) {
                        report(running.isClientGone() ? CLIENT_GONE : null, running.isClientGone());
                    }
                });
    }

    /** Reports how the query ended, to the handler, once per stream whichever path gets there first. */
    private void report(String error, boolean clientGone) {
        if (reported.compareAndSet(false, true)) {
            onEnd.accept(new QueryOutcome(error, clientGone));
        }
    }

    private final class State {
        final ByteArrayBuilder out = new ByteArrayBuilder(CHUNK_BYTES + 4096);
        final JsonGenerator gen;
        DuckDbQuery execution;
        ResultEncoder encoder;
        boolean pendingRow;
        boolean bufferAll;
        long rows;
        boolean done;
        boolean ended; // set by a turn or by the cleanup, which runs in a turn too
        String error;

        State() {
            try {
                gen = JSON.createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gen.setRootValueSeparator(null);
        }
    }

    /**
     * One turn: the head (the query runs), or up to one chunk of rows. A result that may not encode is built whole
     * before anything is sent (so that failing is still a 500), one chunk's worth of rows per turn.
     */
    private void next(State s, SlicedStream.Sink<byte[]> sink) throws IOException {
        if (s.done) {
            end(s, s.error); // before the response can complete, so a GET /query/{id} after it finds the entry
            sink.complete();
            return;
        }
        try {
            if (s.execution == null) {
                head(s);
            } else {
                rows(s);
            }
        } catch (UnencodableValueException e) {
            end(s, null); // the query itself succeeded; the 500 is sent after this
            throw e;
        }
        if (s.bufferAll && !s.done) {
            return; // more rows to build before the first byte; the next turn continues
        }
        s.gen.flush();
        sink.next(s.out.toByteArray());
        s.out.reset();
    }

    /** Reports how the query ended, once: at the end of the stream, or at cleanup when it was cut short. */
    private void end(State s, String error) {
        if (!s.ended) {
            s.ended = true;
            boolean gone = running.isClientGone(); // an interrupt caused by the client leaving is logged as that
            report(gone ? CLIENT_GONE : error, gone);
        }
    }

    /** Executes, then writes the metadata line and the columns line (or the error line). */
    private void head(State s) throws IOException {
        s.execution = DuckDbQuery.start(db, params, running);
        QueryLines.metadata(s.gen, params, s.execution.initMillis());
        if (s.execution.error() != null) {
            fail(s, s.execution.error());
            return;
        }
        ResultSet rs = s.execution.resultSet();
        try {
            if (rs == null) {
                noResultColumns(s);
                return;
            }
            s.encoder = ResultEncoder.of(rs.getMetaData());
            s.bufferAll = s.encoder.hasUnencodableColumns();
            s.pendingRow = advance(s, rs);
            if (s.done) {
                return;
            }
            QueryLines.columns(s.gen, s.encoder.columns(), shape == ColumnShape.NAMES && !s.pendingRow, shape);
            if (!s.pendingRow) {
                finish(s);
            }
        } catch (SQLException e) {
            fail(s, "Failed to execute query: " + DuckDbQuery.message(e));
        }
    }

    /** DDL gives {@code []}; DML gives DuckDB's {@code Count} column with the affected rows. */
    private void noResultColumns(State s) throws IOException {
        long count = s.execution.updateCount();
        if (count < 0) {
            QueryLines.emptyColumns(s.gen);
        } else {
            QueryLines.columns(s.gen, java.util.List.of(new ColumnInfo("Count", "BIGINT")), false, shape);
            s.gen.writeStartArray();
            s.gen.writeNumber(count);
            s.gen.writeEndArray();
            s.gen.writeRaw('\n');
            s.rows = 1;
            running.rowProduced();
        }
        finish(s);
    }

    private void rows(State s) throws IOException {
        ResultSet rs = s.execution.resultSet();
        boolean oneRowPerChunk = fault != null && !fault.rowDelay().isZero();
        long start = s.out.size() + s.gen.getOutputBuffered(); // a buffered-whole result keeps growing across turns
        try {
            while (s.pendingRow) {
                if (injectedErrorDue(s)) {
                    return;
                }
                s.encoder.writeRow(rs, s.gen);
                s.gen.writeRaw('\n');
                s.rows++;
                running.rowProduced();
                s.pendingRow = advance(s, rs);
                if (s.done) {
                    return;
                }
                if (oneRowPerChunk || s.out.size() + s.gen.getOutputBuffered() - start >= CHUNK_BYTES) {
                    break;
                }
            }
            if (!s.pendingRow && !injectedErrorDue(s)) {
                finish(s);
            }
        } catch (SQLException e) {
            fail(s, "Failed to execute query: " + DuckDbQuery.message(e));
        } catch (UnencodableValueException e) {
            // only results with such columns can fail, and those are buffered whole (bufferAll): nothing was sent
            // yet, so the handler can still answer 500 with this text, as the official mock does. Its log shows the
            // query as a success (it logs execution, not encoding), so no error is recorded here either
            s.done = true;
            throw e;
        }
    }

    /** Writes the injected error line once the planned number of rows has been sent. */
    private boolean injectedErrorDue(State s) throws IOException {
        if (fault == null || fault.errorAfterRows() < 0 || s.rows < fault.errorAfterRows()) {
            return false;
        }
        fail(s, "Injected fault: stream error after " + s.rows + " rows");
        return true;
    }

    /** Moves to the next row; a read failure (for example an interrupted query) ends the stream with an error line. */
    private boolean advance(State s, ResultSet rs) throws IOException {
        try {
            if (!running.cancelRequested() && rs.next()) {
                return true;
            }
        } catch (SQLException e) {
            if (!running.cancelRequested()) {
                fail(s, "Failed to execute query: " + DuckDbQuery.message(e));
                return false;
            }
        }
        if (running.cancelRequested()) {
            fail(s, "Failed to execute query: " + RunningQuery.INTERRUPTED);
        }
        return false;
    }

    private void fail(State s, String message) throws IOException {
        QueryLines.error(s.gen, message);
        s.error = message;
        s.done = true;
    }

    private void finish(State s) {
        s.done = true;
    }

    /** At the end, in a turn on the database threads (see {@link SlicedStream}): closes the JDBC side, reports once. */
    private void cleanup(State s) {
        boolean clientGone = running.isClientGone();
        if (s.execution != null) {
            s.execution.close();
        }
        if (!s.ended) {
            s.ended = true;
            report(clientGone ? CLIENT_GONE : s.error, clientGone);
        }
    }
}
