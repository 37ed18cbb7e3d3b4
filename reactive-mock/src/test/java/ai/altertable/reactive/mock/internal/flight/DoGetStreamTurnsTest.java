package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.ColumnShape;
import ai.altertable.reactive.mock.internal.MockRuntime;
import ai.altertable.reactive.mock.internal.db.UserDatabase;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A DoGet stream takes turns on the database threads: with one database thread and a client that is always ready for
 * more (gRPC never pushes back), other work on the database threads still runs between two batches of the stream,
 * which goes on afterwards. Before the turns, such a stream kept its thread until its result ended (here: never).
 */
class DoGetStreamTurnsTest {

    static final String ENDLESS = "SELECT i, 'padding to make each row longer' AS pad FROM range(1000000000000) t(i)";

    private final MockRuntime runtime = new MockRuntime(Map.of("alice", "secret"), 1, ColumnShape.TYPED);
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        runtime.close();
        allocator.close(); // every buffer of the stream was freed
    }

    @Test
    void otherWorkRunsBetweenTwoBatchesOfAStreamWhoseClientIsAlwaysReady() throws Exception {
        UserDatabase db = runtime.databases().of("alice", "secret");
        FlightStreams streams = new FlightStreams(runtime.faults());
        MockFlightSession session = new MockFlightSession("alice", "s", () -> db, runtime.dbScheduler()::schedule);
        AlwaysReady listener = new AlwaysReady();
        DoGetStream stream = new DoGetStream(streams, ENDLESS, session, listener, (connection, alloc, interruptible) -> {
            interruptible.statement(connection.prepareStatement(ENDLESS));
            interruptible.afterClose(() -> MockFlightSession.streamResults(connection, false));
            MockFlightSession.streamResults(connection, true);
            return DuckDbResults.execute(interruptible.statement(), alloc, interruptible);
        }, e -> new IllegalStateException(e), allocator);
        stream.start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> listener.batches.get() > 2);

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> selectOne(db),
                runtime.dbScheduler()::schedule);
        assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(1);

        // the stream was not ended to make room, and it keeps sending
        assertThat(stream.observe().running()).isTrue();
        long sent = listener.batches.get();
        await().atMost(60, TimeUnit.SECONDS).until(() -> listener.batches.get() > sent);

        listener.onCancel.run();
        await().atMost(60, TimeUnit.SECONDS).until(() -> !stream.observe().running());
        assertThat(stream.observe().error()).isNull();
        session.closeConnection();
    }

    private static int selectOne(UserDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that reads everything at once: gRPC would always be ready for the next batch. */
    static final class AlwaysReady implements ServerStreamListener {
        final AtomicLong batches = new AtomicLong();
        volatile Runnable onCancel = () -> { };

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable handler) {
            onCancel = handler;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable handler) {
            // always ready: never called back
        }

        @Override
        public void start(VectorSchemaRoot root, DictionaryProvider dictionaries, IpcOption option) {
            // nothing to send a schema to
        }

        @Override
        public void putNext() {
            batches.incrementAndGet();
        }

        @Override
        public void putNext(ArrowBuf metadata) {
            batches.incrementAndGet();
        }

        @Override
        public void putMetadata(ArrowBuf metadata) {
            // not used by DoGet streams
        }

        @Override
        public void error(Throwable t) {
            // the test checks the stream's own record of errors
        }

        @Override
        public void completed() {
            // an endless stream never completes
        }
    }
}
