package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.testserver.Dataset;
import ai.altertable.reactive.flight.testserver.Hold;
import ai.altertable.reactive.flight.testserver.TestFlightServer;
import io.grpc.Status;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static ai.altertable.reactive.flight.internal.BatchStreamTest.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge over Arrow's real {@code FlightStream} (a {@code DoGet} of the test server, on the client's own threads),
 * watched through a thin wrapper: every {@code next()} and {@code close()} runs on an io thread, with prefetch 0 each
 * request causes exactly one {@code next()}, and a cancel while {@code next()} waits for the server cancels the call on
 * the wire, gets the io thread out of {@code next()}, closes the stream there and frees every buffer (the client's and
 * the server's allocators are closed strictly after each test).
 */
class FlightStreamBridgeTest {

    private static final String SQL = "SELECT * FROM t";

    private TestFlightServer server;
    private BufferAllocator allocator;
    private FlightTransport transport;
    private SessionState session;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger nexts = new AtomicInteger();
    private final AtomicInteger nextsBeyondDemand = new AtomicInteger();
    private final List<String> arrowCallThreads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        server = new TestFlightServer();
        allocator = new RootAllocator();
        transport = new FlightTransport(FlightClientOptions.builder().endpoint(server.endpoint())
                .credentials(server.credentials()).allocator(allocator).threads(2).build());
        session = transport.newSession("test");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            transport.close();
            allocator.close();
        } finally {
            server.close();
        }
        assertThat(arrowCallThreads).allSatisfy(name -> assertThat(name).startsWith("altertable-flight-io-"));
    }

    private Ticket ticket(String sql) {
        FlightInfo info = transport.ready(session).then(transport.blocking(session, Operation.FLIGHT_QUERY,
                "GetFlightInfo", scope -> transport.client().getInfo(FlightSqlCommands.statementQuery(sql, null),
                        transport.unaryCallOptions()), v -> { })).block(TIMEOUT);
        return info.getEndpoints().get(0).getTicket();
    }

    /** The rows of each batch of {@code sql}, with prefetch 0, through a {@code FlightStream} that is watched. */
    private Flux<Integer> rowCounts(String sql) {
        Ticket ticket = ticket(sql);
        FlightThreads threads = transport.threads();
        return new BatchStream<>(threads.io(), threads.delivery(), 0,
                () -> new Watched(FlightStreamSource.open(transport, session, ticket)),
                BatchStream.Items.detached((root, source) -> root.getRowCount(), n -> { }),
                Operation.FLIGHT_READ_ONLY_QUERY, transport.active())
                .doOnRequest(n -> requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b));
    }

    @Test
    void withoutPrefetchEachRequestCausesOneNextOnAnIoThread() {
        server.producer().register(SQL, Dataset.counting(1, 4, 5));

        StepVerifier.Step<Integer> steps = StepVerifier.create(rowCounts(SQL), 0).expectSubscription();
        for (int i = 0; i < 4; i++) {
            int calls = i + 1;
            steps = steps.thenRequest(1).expectNext(5).then(() -> assertThat(nexts).hasValue(calls));
        }
        steps.thenRequest(1).expectComplete().verify(TIMEOUT);

        assertThat(nexts).hasValue(5); // the fifth found the end of the stream
        assertThat(nextsBeyondDemand).hasValue(0);
        assertThat(closed).isTrue();
        assertThat(arrowCallThreads).hasSize(6); // five next() and one close()
    }

    @Test
    void cancelWhileNextWaitsCancelsTheCallClosesTheStreamOnAnIoThreadAndFreesEverything() {
        server.producer().register(SQL, Dataset.counting(1, 3, 5));
        Hold second = server.producer().hold("DoGet " + SQL + " #1");
        List<Integer> received = new CopyOnWriteArrayList<>();

        Disposable subscription = rowCounts(SQL).subscribe(received::add);
        await().atMost(TIMEOUT).until(() -> received.size() == 1 && nexts.get() == 2); // next() waits for batch 1
        Mono.fromRunnable(subscription::dispose).subscribeOn(Schedulers.parallel()).block(TIMEOUT); // never blocks

        await().atMost(TIMEOUT).until(second::isCancelled); // the server's handler saw its call cancelled
        await().atMost(TIMEOUT).untilTrue(closed);
        await().atMost(TIMEOUT).until(() -> transport.allocator().getAllocatedMemory() == 0);
        assertThat(received).containsExactly(5);
        assertThat(server.producer().cancelledStreams()).containsExactly(SQL);
    }

    /** A {@code FlightStreamSource} that records where its blocking calls run, and checks demand at each next(). */
    private final class Watched implements RecordBatchSource {
        private final RecordBatchSource source;

        Watched(RecordBatchSource source) {
            this.source = source;
        }

        @Override
        public boolean next() {
            arrowCallThreads.add(Thread.currentThread().getName());
            if (nexts.incrementAndGet() > requested.get()) {
                nextsBeyondDemand.incrementAndGet();
            }
            return source.next();
        }

        @Override
        public void close() {
            arrowCallThreads.add(Thread.currentThread().getName());
            source.close();
            closed.set(true);
        }

        @Override
        public boolean hasRoot() {
            return source.hasRoot();
        }

        @Override
        public VectorSchemaRoot root() {
            return source.root();
        }

        @Override
        public DictionaryProvider dictionaries() {
            return source.dictionaries();
        }

        @Override
        public void cancel() {
            source.cancel();
        }

        @Override
        public Status status() {
            return source.status();
        }

        @Override
        public StreamMemory memory() {
            return source.memory();
        }
    }
}
