package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.ObservedFlightStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One DoGet: rows from DuckDB to the client as the client reads them.
 *
 * <p><b>Streaming with backpressure.</b> The official mock materialises the whole result before sending anything
 * (protocol §7); this one reads DuckDB's Arrow export one batch at a time and reads the next batch only when the
 * previous one has been handed to gRPC and gRPC is ready for more ({@code listener.isReady()}, woken by
 * {@code setOnReadyHandler}; never a busy wait). A client that stops reading therefore stops DuckDB after a bounded
 * window: one exported batch plus gRPC's outbound buffer and the HTTP/2 flow-control window.
 *
 * <p><b>Threads.</b> All work, JDBC and {@code putNext} alike, runs on the mock's database threads, in turns that one
 * signal at a time may start (ready, cancelled, session granted, session contended); a stalled stream holds no thread.
 * A turn reads at most one batch from DuckDB: when the client keeps up and another batch is wanted, the next turn is
 * queued behind whatever else waits for a database thread, so a stream never keeps a thread from short requests. gRPC
 * callbacks only signal.
 *
 * <p><b>The session.</b> The stream holds its session's lock from the moment DuckDB is asked until the export is
 * exhausted, because the session connection can have one open result only. When another call on the same session
 * queues up behind it, the stream reads the rest of its result into memory, as the official mock always does, and lets
 * the session go: a client that reads one stream while it makes other calls on the same session does not deadlock.
 *
 * <p><b>Injected faults.</b> A {@link ai.altertable.reactive.mock.FaultPlan#FLIGHT_DO_GET} plan with
 * {@code error-after-rows} aborts the stream with {@code CANCELLED} once that many rows were sent, between two whole
 * batches, as a server that gives up on a stream would.
 *
 * <p><b>Cancel.</b> A client cancel stops reading DuckDB at the next batch (a statement still executing is interrupted),
 * frees every buffer and releases the session. Errors are mapped by the caller's function: {@code INVALID_ARGUMENT
 * Failed to query arrow} for statements, DuckDB's text for prepared statements and metadata. An error raised before
 * the first batch is sent without a schema message, as the official mock's errors are; a later one ends the stream.
 */
final class DoGetStream {

    /** Rows per batch of DuckDB's Arrow export. */
    static final int BATCH_ROWS = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(DoGetStream.class);

    /** Opens the result on the session's connection: applies the session's settings, prepares, binds, executes. */
    @FunctionalInterface
    interface Source {
        ArrowReader open(Connection connection, BufferAllocator allocator, Interruptible interruptible)
                throws Exception;
    }

    private final long id;
    private final String description;
    private final MockFlightSession session;
    private final ServerStreamListener listener;
    private final Source source;
    private final Function<Throwable, RuntimeException> errors;
    private final BufferAllocator allocator;
    private final FlightStreams streams;
    private final Interruptible interruptible = new Interruptible();
    /** Rows after which an injected fault aborts the stream, or -1. */
    private final long abortAfterRows;

    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong rowsExported = new AtomicLong();
    private final AtomicLong rowsSent = new AtomicLong();
    private volatile boolean sessionHeld;
    private volatile boolean cancelled;
    private volatile boolean contended;
    private volatile boolean materialized;
    private volatile boolean ended;
    private volatile String error;

    // confined to the drain loop
    private ArrowReader reader;
    private OutgoingBatches outgoing;
    private VectorSchemaRoot sendRoot;
    private VectorLoader loader;
    private final Deque<ArrowRecordBatch> pending = new ArrayDeque<>();
    private boolean exhausted;
    private boolean started;
    private boolean fetchedThisTurn;
    private boolean yieldTurn;
    private boolean closing;

    DoGetStream(FlightStreams streams, String description, MockFlightSession session, ServerStreamListener listener,
                Source source, Function<Throwable, RuntimeException> errors, BufferAllocator parent) {
        this.streams = streams;
        this.id = streams.nextId();
        this.description = description;
        this.session = session;
        this.listener = listener;
        this.source = source;
        this.errors = errors;
        this.allocator = parent.newChildAllocator("flight-doget-" + id, 0, Long.MAX_VALUE);
        this.abortAfterRows = streams.abortAfterRows();
    }

    /** Registers the callbacks and queues for the session; returns at once. Call on the DoGet's own thread. */
    void start() {
        streams.started(this);
        listener.setOnReadyHandler(this::signal);
        listener.setOnCancelHandler(this::cancel);
        session.lock().acquire().thenRun(() -> {
            sessionHeld = true;
            session.lock().onContention(() -> {
                contended = true;
                signal();
            });
            signal();
        });
    }

    long id() {
        return id;
    }

    /** The client cancelled (or the mock is closing): stop at the next batch, interrupt a running statement. */
    void cancel() {
        cancelled = true;
        interruptible.interrupt();
        signal();
    }

    ObservedFlightStream observe() {
        return new ObservedFlightStream(id, description, session.username(), rowsExported.get(), rowsSent.get(),
                !ended, cancelled, materialized, error);
    }

    private void signal() {
        if (wip.getAndIncrement() == 0) {
            queueTurn();
        }
    }

    private void queueTurn() {
        try {
            session.db().execute(this::turn);
        } catch (RejectedExecutionException e) {
            closing = true; // the database threads are gone: the mock is closing; end the stream here
            turn();
        }
    }

    /**
     * One turn on the database threads: steps until there is nothing to do or one batch has been read from DuckDB and
     * another is wanted; then the next turn queues behind whatever waits for a database thread (a stream whose client
     * keeps up would otherwise keep its thread until the result ends).
     */
    private void turn() {
        fetchedThisTurn = false;
        int missed = wip.get();
        while (true) {
            try {
                step();
            } catch (Throwable t) {
                fail(t);
            }
            if (yieldTurn) {
                yieldTurn = false;
                wip.addAndGet(1 - missed); // keep the turn; the signals seen so far are handled
                queueTurn();
                return;
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() throws Exception {
        if (ended) {
            releaseSession(); // granted after the stream had already ended
            return;
        }
        if (cancelled) {
            end();
            return;
        }
        if (closing) {
            error = "the mock is closing";
            listener.error(CallStatus.UNAVAILABLE.withDescription(error).toRuntimeException());
            end();
            return;
        }
        if (!sessionHeld && !exhausted) {
            return; // waiting for the session; once the result is exhausted (or materialised) it is no longer needed
        }
        if (reader == null && !exhausted) {
            open();
        }
        while (true) {
            if (cancelled) {
                end();
                return;
            }
            if (abortAfterRows >= 0 && rowsSent.get() >= abortAfterRows) {
                abort();
                return;
            }
            if (contended && !exhausted) {
                materialized = true; // read the rest into memory, a batch per turn, before sending more
                if (fetchInThisTurn()) {
                    continue;
                }
                return;
            }
            if (pending.isEmpty() && !exhausted) {
                if (fetchInThisTurn()) {
                    continue;
                }
                return;
            }
            if (!started) {
                listener.start(sendRoot);
                started = true;
            }
            if (pending.isEmpty()) {
                if (abortAfterRows >= 0) {
                    abort(); // the fault asked for more rows than there are: the stream still ends by the abort
                    return;
                }
                listener.completed();
                end();
                return;
            }
            if (!listener.isReady()) {
                return; // the on-ready handler signals again
            }
            send(pending.removeFirst());
        }
    }

    /** Reads one batch, unless this turn already has: then the turn ends and the next one continues. */
    private boolean fetchInThisTurn() throws Exception {
        if (fetchedThisTurn) {
            yieldTurn = true;
            return false;
        }
        fetchedThisTurn = true;
        fetch();
        return true;
    }

    private void open() throws Exception {
        reader = source.open(session.connection(), allocator, interruptible);
        outgoing = new OutgoingBatches(reader.getVectorSchemaRoot().getSchema(), reader, allocator);
        sendRoot = VectorSchemaRoot.create(outgoing.schema(), allocator);
        loader = new VectorLoader(sendRoot);
    }

    /** Reads one batch from DuckDB into {@link #pending}; at the end, closes the result and lets the session go. */
    private void fetch() throws Exception {
        if (!interruptible.run(reader::loadNextBatch)) {
            exhausted = true;
            closeResult();
            releaseSession();
            return;
        }
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        rowsExported.addAndGet(batch.getRowCount());
        outgoing.split(batch, pending::addLast);
    }

    private void send(ArrowRecordBatch batch) {
        try (batch) {
            loader.load(batch);
        }
        listener.putNext();
        rowsSent.addAndGet(sendRoot.getRowCount());
    }

    /** The injected fault: the server gives up on the stream between two batches. */
    private void abort() {
        error = "injected fault: stream aborted by the server after " + rowsSent.get() + " rows";
        listener.error(CallStatus.CANCELLED.withDescription(error).toRuntimeException());
        end();
    }

    private void fail(Throwable t) {
        if (ended) {
            return;
        }
        error = t.getMessage() != null ? t.getMessage() : t.toString();
        if (!cancelled) {
            LOG.debug("DoGet {} failed", id, t);
            listener.error(errors.apply(t));
        }
        end();
    }

    /** Frees everything, exactly once: each resource is closed even when another fails. */
    private void end() {
        ended = true;
        try {
            AutoCloseables.close(this::closeResult, this::dropPending, sendRoot, allocator);
        } catch (Exception | Error e) {
            // an allocator that does not close clean is a leak in the mock: keep it visible
            error = "resource cleanup failed: " + e;
            LOG.error("DoGet {} did not release its resources", id, e);
        } finally {
            releaseSession();
            streams.ended(this);
        }
    }

    private void dropPending() {
        while (!pending.isEmpty()) {
            pending.removeFirst().close();
        }
    }

    private void closeResult() throws Exception {
        ArrowReader r = reader;
        reader = null;
        AutoCloseables.close(r, interruptible);
    }

    private void releaseSession() {
        if (sessionHeld) {
            sessionHeld = false;
            session.lock().release();
        }
    }
}
