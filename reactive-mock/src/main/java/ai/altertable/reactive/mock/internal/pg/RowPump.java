package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rows of one open result, sent as DataRows a chunk at a time, for a simple Query and for a portal alike. Runs on
 * the session's database worker: a chunk is fetched from DuckDB only while the channel is writable; when it is not,
 * the next step waits for {@link #resume()} (from the event loop when the channel drains), so a client that does not
 * read holds at most about a chunk beyond Netty's high-water mark.
 */
final class RowPump {

    /** Rows per chunk, at most; a chunk also ends after about {@link #CHUNK_BYTES}. */
    static final int CHUNK_ROWS = 1024;
    static final int CHUNK_BYTES = 32 * 1024;

    /** Why a chunk ended. */
    enum Outcome {
        /** The chunk is full: more rows may follow. */
        MORE,
        /** The result has no more rows. */
        END,
        /** The row limit of this call was reached. */
        LIMIT
    }

    private final PgServer server;
    private final PgSession session;
    private final ResultSet rows;
    private final PgType[] types;
    private final boolean[] binary;
    private final AtomicBoolean waitingForWritable = new AtomicBoolean();
    private Runnable pending;
    private long count;
    private boolean closed;

    RowPump(PgServer server, PgSession session, ResultSet rows, PgType[] types, boolean[] binary) {
        this.server = server;
        this.session = session;
        this.rows = rows;
        this.types = types;
        this.binary = binary;
        server.resultOpened();
        session.openResults.add(this);
    }

    /** Appends up to a chunk of DataRows to {@code out}, at most {@code limit} rows. */
    Outcome fill(ByteBuf out, long limit) throws SQLException {
        int fetched = 0;
        Outcome outcome = Outcome.MORE;
        try {
            while (fetched < CHUNK_ROWS && out.readableBytes() < CHUNK_BYTES) {
                if (fetched >= limit) {
                    outcome = Outcome.LIMIT;
                    break;
                }
                if (!rows.next()) {
                    outcome = Outcome.END;
                    break;
                }
                int at = Backend.begin(out, 'D');
                out.writeShort(types.length);
                for (int c = 0; c < types.length; c++) {
                    types[c].writeValue(rows, c + 1, binary != null && binary[c], out);
                }
                Backend.end(out, at);
                fetched++;
            }
        } finally {
            count += fetched;
            server.fetched(fetched);
        }
        if (outcome == Outcome.MORE && fetched >= limit) {
            outcome = Outcome.LIMIT;
        }
        return outcome;
    }

    /** Rows sent so far. */
    long count() {
        return count;
    }

    /**
     * Writes a chunk, then runs {@code next} on the worker: at once while the channel is writable, else once it
     * drains.
     */
    void writeThen(ByteBuf out, Runnable next) {
        session.channel().writeAndFlush(out).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        if (goOn()) {
            session.schedule(next);
            return;
        }
        server.paused();
        pending = next;
        waitingForWritable.set(true);
        session.suspended = this;
        if (goOn()) {
            resume(); // it drained, or the connection closed, between the check and the flag
        }
    }

    /** Whether the next step may run now: the channel is writable, or the connection is gone (the step ends). */
    private boolean goOn() {
        return session.channel().isWritable() || !session.isOpen();
    }

    /** The channel is writable again (event loop): the next step runs on the worker. */
    void resume() {
        if (waitingForWritable.compareAndSet(true, false)) {
            session.suspended = null;
            session.schedule(pending);
        }
    }

    /** Closes the result (once): DuckDB stops producing its rows. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.resultClosed();
        session.openResults.remove(this);
        try {
            rows.close();
        } catch (SQLException ignored) {
            // closing a finished or abandoned result
        }
    }
}
