package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.internal.Observed;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One {@code DoPut}: uploads the record batches made from a publisher's items and returns the server's
 * {@code PutResult} metadata.
 *
 * <p><b>Backpressure.</b> One item is requested from the source at a time, and only once every record batch made from
 * the previous item has been handed to gRPC. A batch is handed to gRPC only while the call {@code isReady()} (gRPC's
 * outbound buffer is below its threshold); otherwise the upload waits, without a thread, for the call's
 * {@code onReady} (seen by {@link SessionInterceptor}). So at most one item's batches are in memory besides what gRPC
 * and the socket hold, whatever the source's rate. Arrow's own {@code putNext()} would busy-wait instead; it is only
 * ever called when the call is ready.
 *
 * <p><b>Ownership.</b> Every record batch the encoder makes (and every source item that is a root) belongs to the
 * upload: it is closed after it was written, or when the upload fails or is cancelled.
 *
 * <p><b>Threads.</b> Nothing in an upload waits: the call is started without waiting for the server, a batch is written
 * only when gRPC is ready for it, and answers arrive as callbacks. So all of its work (requesting the source, encoding,
 * writing, and delivering the result) runs on one worker of the client's <em>delivery</em> scheduler, whose threads
 * are non-blocking ({@link FlightThreads}); BlockHound checks that in the tests.
 *
 * <p><b>Cancel and errors.</b> Cancelling the result cancels the source and the gRPC call. A server error (which may
 * arrive before the upload is complete) cancels the source and fails the result; nothing more is written.
 */
public final class PutUpload<I> implements CoreSubscriber<I>, Runnable {

    /** Turns one source item into record batches the upload then owns; runs on the worker. */
    @FunctionalInterface
    public interface Encoder<I> {
        List<VectorSchemaRoot> encode(I item, BufferAllocator allocator) throws Exception;
    }

    private final FlightTransport transport;
    private final FlightDescriptor descriptor;
    private final Operation operation;
    private final Encoder<I> encoder;
    private final Consumer<? super I> discard;
    private final Schema schemaWithoutItems;
    private final MonoSink<byte[]> sink;
    private final Scheduler.Worker worker;
    private final AtomicInteger wip = new AtomicInteger();
    private final Queue<I> inputs = new ConcurrentLinkedQueue<>();
    private final CallScope scope;

    private volatile Subscription upstream;
    private volatile boolean upstreamDone;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private volatile boolean serverDone;
    private volatile byte[] resultMetadata;

    // worker-only
    private final ArrayDeque<VectorSchemaRoot> pending = new ArrayDeque<>();
    private UploadMemory memory;
    private VectorSchemaRoot sendRoot;
    private VectorLoader loader;
    private FlightClient.ClientStreamListener call;
    private boolean requested;
    private boolean completedSent;
    private boolean finished;
    private long started;
    private long batches;
    private Runnable unregister = () -> { };

    private PutUpload(FlightTransport transport, SessionState session, FlightDescriptor descriptor, Operation operation,
                      Encoder<I> encoder, Consumer<? super I> discard, Schema schemaWithoutItems, MonoSink<byte[]> sink,
                      Scheduler.Worker worker) {
        this.transport = transport;
        this.descriptor = descriptor;
        this.operation = operation;
        this.encoder = encoder;
        this.discard = discard;
        this.schemaWithoutItems = schemaWithoutItems;
        this.sink = sink;
        this.worker = worker;
        this.scope = new CallScope(session, "DoPut").headers(Observed.headers(sink.contextView()));
        scope.onReady(this::drain);
    }

    /**
     * The upload as a {@code Mono} of the last {@code PutResult}'s application metadata (empty when there was none).
     *
     * @param schemaWithoutItems when the source has no items: {@code null} to complete empty without any call, or
     *                           the schema of a call that carries no batch (an update's empty stream)
     */
    public static <I> Mono<byte[]> run(FlightTransport transport, SessionState session, FlightDescriptor descriptor,
                                       Operation operation, Publisher<? extends I> source, Encoder<I> encoder,
                                       Consumer<? super I> discard, Schema schemaWithoutItems) {
        Mono<byte[]> upload = Mono.create(sink -> {
            Scheduler.Worker worker;
            try {
                worker = transport.threads().delivery().createWorker();
            } catch (RejectedExecutionException e) {
                sink.error(transport.closedError(operation, "DoPut", e));
                return;
            }
            PutUpload<I> put = new PutUpload<>(transport, session, descriptor, operation, encoder, discard,
                    schemaWithoutItems, sink, worker);
            sink.onCancel(put::cancel);
            source.subscribe(put);
        });
        // An UNAUTHENTICATED upload is not repeated (the source cannot be replayed), but the session is started again
        // so that the next call works.
        return transport.ready(session).then(Mono.defer(() -> {
            String used = session.authorization();
            return upload.onErrorResume(FlightErrors::isUnauthenticated,
                    e -> transport.refresh(session, used).then(Mono.error(e)));
        }));
    }

    // ---- source side

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            drain();
        }
    }

    @Override
    public void onNext(I item) {
        if (cancelled || failure != null) {
            discard.accept(item);
            return;
        }
        inputs.offer(item);
        drain();
    }

    @Override
    public void onError(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        upstreamDone = true;
        drain();
    }

    @Override
    public void onComplete() {
        upstreamDone = true;
        drain();
    }

    private void cancel() {
        cancelled = true;
        drain();
    }

    /** Ends the upload with {@code reason} (the client is closing). */
    private void abort(Throwable reason) {
        if (failure == null) {
            failure = reason;
        }
        drain();
    }

    // ---- gRPC side (callbacks on gRPC threads)

    /** The call's answers. */
    private final class Answers implements FlightClient.PutListener {
        @Override
        public void onNext(PutResult result) {
            ArrowBuf metadata = result.getApplicationMetadata();
            if (metadata != null) {
                byte[] bytes = new byte[(int) metadata.readableBytes()];
                metadata.getBytes(metadata.readerIndex(), bytes);
                resultMetadata = bytes;
            }
        }

        @Override
        public void onError(Throwable t) {
            if (failure == null) {
                failure = FlightErrors.map(t, operation, "DoPut", scope.status());
            }
            serverDone = true;
            drain();
        }

        @Override
        public void onCompleted() {
            serverDone = true;
            drain();
        }

        /** Arrow's {@code putNext()} spins while the call is not ready unless this says the call is over. */
        @Override
        public boolean isCancelled() {
            return cancelled || failure != null || serverDone;
        }

        @Override
        public void getResult() {
            // never called: the result is delivered through the Mono
        }
    }

    // ---- the worker

    private void drain() {
        if (wip.getAndIncrement() == 0) {
            try {
                worker.schedule(this);
            } catch (RejectedExecutionException e) {
                failure = failure != null ? failure : transport.closedError(operation, "DoPut", e);
                run(); // the client is closed: fail here (nothing blocks on a shut-down channel)
            }
        }
    }

    @Override
    public void run() {
        int missed = 1;
        for (;;) {
            try {
                if (step()) {
                    continue;
                }
            } catch (Throwable e) {
                if (failure == null) {
                    failure = FlightErrors.map(e, operation, "DoPut", scope.status());
                }
                continue;
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** One round of work; {@code true} when it should be called again. */
    private boolean step() throws Exception {
        if (finished) {
            return false;
        }
        if (cancelled || failure != null) {
            abort();
            return false;
        }
        if (serverDone) {
            if (completedSent) {
                finish();
                sink.success(resultMetadata);
            } else {
                failure = new BadRequestException("the server ended the upload before all data was sent",
                        FlightErrors.context(operation, "DoPut"));
                abort();
            }
            return false;
        }
        if (upstream == null) {
            return false;
        }
        if (memory == null) {
            memory = UploadMemory.open(transport);
            unregister = transport.active().register(this::abort);
        }
        if (pending.isEmpty()) {
            I item = inputs.poll();
            if (item != null) {
                requested = false;
                pending.addAll(encoder.encode(item, memory.allocator()));
                return true;
            }
        }
        if (!pending.isEmpty()) {
            if (call == null) {
                ArrowWrites.require(); // before anything is sent: without Arrow's JVM flag no batch can be written
                start(pending.peek().getSchema());
                return true;
            }
            if (!call.isReady()) {
                return false; // onReady will drain again
            }
            write(pending.poll());
            return true;
        }
        if (!upstreamDone) {
            if (!requested) {
                requested = true;
                upstream.request(1);
                return true;
            }
            return false;
        }
        if (!inputs.isEmpty()) {
            return true;
        }
        if (!completedSent) {
            if (call == null) {
                if (schemaWithoutItems == null) {
                    finish();
                    sink.success();
                    return false;
                }
                start(schemaWithoutItems);
            }
            call.completed();
            completedSent = true;
        }
        return false;
    }

    private void start(Schema schema) throws Exception {
        FlightClient client = memory.client();
        sendRoot = VectorSchemaRoot.create(schema, memory.allocator());
        loader = new VectorLoader(sendRoot);
        started = System.nanoTime();
        call = scope.call(() -> client.startPut(descriptor, sendRoot, new Answers())); // sends the schema; no wait
    }

    private void write(VectorSchemaRoot batch) {
        try (VectorSchemaRoot owned = batch) {
            if (!owned.getSchema().equals(sendRoot.getSchema())) {
                throw new BadRequestException("every batch of an upload must have the schema of the first; expected "
                        + sendRoot.getSchema() + ", got " + owned.getSchema(), FlightErrors.context(operation, "DoPut"));
            }
            try (ArrowRecordBatch recordBatch = new VectorUnloader(owned).getRecordBatch()) {
                loader.load(recordBatch); // shares the buffers, no copy
            }
        }
        call.putNext(); // ready, so Arrow does not wait; gRPC and Netty now hold the buffers until written
        batches++;
        sendRoot.clear();
    }

    /** Stops everything after a failure or cancel; the failure (not a cancel) is delivered. */
    private void abort() {
        if (finished) {
            return;
        }
        Subscription s = upstream;
        if (s != null && !upstreamDone) {
            s.cancel();
        }
        if (call != null && !serverDone) {
            scope.cancel();
        }
        finish();
        if (!cancelled) {
            sink.error(call != null ? sent(failure) : failure);
        }
    }

    /**
     * {@code failure} as the failure of a call that was started: the client's "closed" failure says the request was
     * not sent, which is true only before the call began, so that a write is never taken for unsent once it may have
     * reached the server.
     */
    private static Throwable sent(Throwable failure) {
        if (failure instanceof NetworkException && !((NetworkException) failure).requestSent()) {
            NetworkException unsent = (NetworkException) failure;
            return new NetworkException(unsent.reason(), unsent.context(), true, unsent);
        }
        return failure;
    }

    /** Releases every resource, once. */
    private void finish() {
        finished = true;
        if (call != null) {
            FlightTransport.logStream(operation, "DoPut", batches, cancelled, failure, started);
        }
        unregister.run();
        VectorSchemaRoot root;
        while ((root = pending.poll()) != null) {
            root.close();
        }
        I item;
        while ((item = inputs.poll()) != null) {
            discard.accept(item);
        }
        if (sendRoot != null) {
            sendRoot.close();
        }
        worker.dispose();
        scope.cancel();
        if (memory != null) {
            memory.release();
        }
    }
}
