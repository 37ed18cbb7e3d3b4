package ai.altertable.reactive.flight.internal;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of a {@link BatchStream}: two drain loops, each serialised by its own work-in-progress counter and
 * run by its own worker. The <b>io side</b> opens, fetches, converts and closes; the <b>delivery side</b> signals the
 * subscriber and discards. They share only what is below the "shared" line, and hand items over through a
 * single-producer single-consumer queue (detached items) or the {@link #loan} of the source's root (scoped items).
 *
 * <p>Termination: the io side always ends first (source closed, {@link #ioDone} set, after the last item was offered),
 * then the delivery side delivers what it may, discards the rest and signals the end. So every item is either delivered
 * or discarded, once, and the subscriber never sees the end before the stream's buffers were freed.
 *
 * <p>The relay counts in the client's {@link ActiveStreams} from its open until the delivery side has ended: items
 * fetched ahead of demand hold the stream's memory after the io side has closed the source, so closing the client
 * waits for the delivery side to discard them before it closes the allocator.
 */
final class BatchRelay<T> implements Subscription {

    /** A root lent to the delivery side: {@code root} is {@code sourceRoot} or a decoded copy the loan owns. */
    private record Loan(VectorSchemaRoot root, VectorSchemaRoot sourceRoot) {
        void end() {
            if (root != sourceRoot) {
                root.close();
            }
        }
    }

    private final BatchStream<T> parent;
    private final CoreSubscriber<? super T> actual;
    private final Scheduler.Worker ioWorker;
    private final Scheduler.Worker deliveryWorker;
    private final Runnable ioLoop = this::ioLoop;
    private final Runnable deliveryLoop = this::deliveryLoop;

    // ---- shared
    private final AtomicInteger ioWip = new AtomicInteger();
    private final AtomicInteger deliveryWip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    /** Detached items, offered by the io side, polled by the delivery side; holds at most prefetch + 1. */
    private final Queue<T> ready = Queues.<T>unbounded(Queues.XS_BUFFER_SIZE).get();
    private volatile long emitted; // written by the delivery side only
    private volatile boolean cancelled;
    private volatile Throwable aborted; // the client is closing
    private volatile Throwable userFailure; // the user's function or the subscriber threw (delivery side)
    private volatile RecordBatchSource source; // set once by the io side; read by cancel()
    private volatile Loan loan; // set by the io side, cleared by the delivery side
    private volatile Throwable failure; // how the io side ended (null: the stream's end, or a cancel); before ioDone
    private volatile boolean ioDone; // the source is closed and nothing more will be offered
    private final AtomicBoolean active = new AtomicBoolean(); // counted in parent.active until the delivery side ends

    // ---- io side only
    private long opened = System.nanoTime();
    private long fetched;
    private boolean sourceEnded;
    private boolean ioFinished;
    private Throwable ioError;
    private Runnable unregister = () -> { };

    // ---- delivery side only
    private boolean deliveryFinished;

    BatchRelay(BatchStream<T> parent, CoreSubscriber<? super T> actual, Scheduler.Worker ioWorker,
               Scheduler.Worker deliveryWorker) {
        this.parent = parent;
        this.actual = actual;
        this.ioWorker = ioWorker;
        this.deliveryWorker = deliveryWorker;
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            requested.getAndUpdate(r -> Operators.addCap(r, n));
            scheduleIo();
            if (!ready.isEmpty()) {
                scheduleDelivery(); // items fetched ahead of demand can go now
            }
        }
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        RecordBatchSource s = source;
        if (s != null) {
            s.cancel(); // unblocks a next() in progress; never blocks
        }
        scheduleIo(); // closes the source, then has the delivery side discard what waits
    }

    /** Ends the stream with {@code reason} (the client is closing), whatever the subscriber's demand. */
    void abort(Throwable reason) {
        aborted = reason;
        RecordBatchSource s = source;
        if (s != null) {
            s.cancel();
        }
        scheduleIo();
    }

    // ================================================================ io side (may block)

    private void scheduleIo() {
        if (ioDone) {
            return; // the io side has ended: nothing more to do there
        }
        if (ioWip.getAndIncrement() == 0) {
            try {
                ioWorker.schedule(ioLoop);
            } catch (RejectedExecutionException e) {
                // Refused. Either the io side has just ended and disposed its worker (ioFinished, visible here since
                // this thread now owns the loop: nothing to do), or the io scheduler was disposed under a live
                // stream (the client closed, or a scheduler of the caller's): end the stream here. Nothing blocks
                // then: the source is not open yet, or its call was cancelled when the client closed.
                if (!ioFinished && aborted == null && !cancelled) {
                    aborted = e;
                }
                ioLoop();
            }
        }
    }

    private void ioLoop() {
        int missed = 1;
        for (;;) {
            while (ioStep()) {
                // one more step
            }
            missed = ioWip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** One step of the io side; {@code true} when it should be called again at once. */
    private boolean ioStep() {
        if (ioFinished) {
            return false;
        }
        if (cancelled || aborted != null || userFailure != null || sourceEnded || ioError != null) {
            return endIo();
        }
        RecordBatchSource s = source;
        try {
            if (s == null) {
                open();
                return true; // checks for a cancel again before the first (blocking) next()
            }
            if (loan != null || !mayFetch()) {
                return false; // the delivery side schedules this side again when that changes
            }
            return fetch(s);
        } catch (Throwable e) {
            ioError = FlightErrors.map(e, parent.operation, "DoGet", s == null ? null : s.status());
            return true;
        }
    }

    private void open() throws Exception {
        opened = System.nanoTime();
        if (parent.active != null && active.compareAndSet(false, true)) {
            parent.active.enter(); // left by finishDelivery(), once every item was delivered or discarded
        }
        RecordBatchSource s = parent.opener.open();
        source = s;
        if (cancelled || aborted != null) {
            s.cancel(); // a cancel that raced with the open saw no source
        }
        if (parent.active != null) {
            unregister = parent.active.register(this::abort);
        }
    }

    /** Whether demand and room allow one more {@code next()}. */
    private boolean mayFetch() {
        long r = requested.get();
        if (parent.items.isScoped()) {
            return fetched < r;
        }
        long held = fetched - emitted;
        return held <= parent.prefetch && fetched - r < parent.prefetch;
    }

    private boolean fetch(RecordBatchSource s) throws Exception {
        if (!s.next()) {
            sourceEnded = true;
            return true;
        }
        if (!s.hasRoot()) {
            return true;
        }
        fetched++;
        VectorSchemaRoot root = s.root();
        VectorSchemaRoot plain = Dictionaries.decoded(root, s.dictionaries());
        if (parent.items.isScoped()) {
            loan = new Loan(plain, root);
            scheduleDelivery();
            return false; // not scheduled again until the delivery side hands the root back
        }
        T item;
        try {
            item = parent.items.converter.convert(plain, s);
        } finally {
            if (plain != root) {
                plain.close();
            }
        }
        ready.offer(item); // never full: the queue grows, and mayFetch() bounds what it holds
        scheduleDelivery();
        return true;
    }

    /** Closes the source (once no function holds its root) and lets the delivery side end. */
    private boolean endIo() {
        if (loan != null) {
            return false; // the delivery side schedules this side again when the function has returned the root
        }
        ioFinished = true;
        Throwable reason = cancelled ? null
                : aborted != null ? aborted // the failure of the cancel it caused is not news
                : userFailure != null ? userFailure
                : ioError;
        RecordBatchSource s = source;
        try {
            if (s != null) {
                s.close();
            }
        } catch (Throwable e) {
            reason = reason != null || cancelled ? reason : FlightErrors.map(e, parent.operation, "DoGet", null);
        } finally {
            unregister.run();
            ioWorker.dispose();
        }
        failure = reason;
        FlightTransport.logStream(parent.operation, "DoGet", fetched, cancelled, reason, opened);
        ioDone = true;
        scheduleDelivery();
        return false;
    }

    // ================================================================ delivery side (never blocks)

    private void scheduleDelivery() {
        if (deliveryWip.getAndIncrement() == 0) {
            try {
                deliveryWorker.schedule(deliveryLoop);
            } catch (RejectedExecutionException e) {
                deliveryLoop(); // finished, or the client was closed: signal the end here
            }
        }
    }

    private void deliveryLoop() {
        int missed = 1;
        for (;;) {
            deliver();
            missed = deliveryWip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void deliver() {
        for (;;) {
            if (deliveryFinished) {
                return;
            }
            if (cancelled) {
                dropAfterCancel();
                return;
            }
            boolean done = ioDone; // read first: once set, failure is final and every item is in the queue
            Throwable stop = userFailure != null ? userFailure : aborted;
            if (stop != null) {
                // no more items: a lent root goes back unused (the io side waits for it before it closes the source)
                returnLoan();
                if (done) {
                    Throwable f = failure;
                    endWithError(f != null ? f : stop); // an abort after the io side ended normally still ends it
                }
                return;
            }
            if (emitted != requested.get() && emitOne()) {
                continue;
            }
            if (done) {
                Throwable f = failure;
                if (f != null) {
                    endWithError(f); // items fetched before the failure went while there was demand
                } else if (ready.isEmpty()) {
                    finishDelivery();
                    actual.onComplete();
                }
            }
            return;
        }
    }

    private void endWithError(Throwable f) {
        discardReady();
        finishDelivery();
        actual.onError(f);
    }

    /** Delivers one item if one is there; {@code true} if it did. */
    private boolean emitOne() {
        boolean scoped = parent.items.isScoped();
        T item;
        if (scoped) {
            Loan l = loan;
            if (l == null) {
                return false;
            }
            item = applyScoped(l);
            if (item == null) {
                return false; // failed: the io side closes the source, then this side delivers the failure
            }
            scheduleIo(); // the root is free again: the next fetch may overlap onNext
        } else {
            item = ready.poll();
            if (item == null) {
                return false;
            }
        }
        if (cancelled) {
            parent.items.discard.accept(item); // cancelled while it was made or polled
        } else {
            try {
                actual.onNext(item);
            } catch (Throwable e) {
                userFailure = e; // a subscriber that throws breaks the rules; end the stream with it
                RecordBatchSource s = source;
                if (s != null) {
                    s.cancel(); // a next() running ahead on the io side would otherwise wait for the server
                }
                scheduleIo();
            }
        }
        emitted = emitted + 1; // after onNext: the item counts as held until the subscriber has taken it
        if (!scoped && !ioDone) {
            scheduleIo(); // room for one more fetch
        }
        return true;
    }

    /** The user's function on the lent root, then the root handed back; {@code null} when it failed. */
    private T applyScoped(Loan l) {
        T item = null;
        try {
            item = parent.items.scoped.apply(l.root());
            if (item == null) {
                throw new NullPointerException("the function given to queryBatches returned null");
            }
        } catch (Throwable e) {
            userFailure = e;
            item = null;
        } finally {
            l.end();
            loan = null;
        }
        if (item == null) {
            scheduleIo();
        }
        return item;
    }

    private void dropAfterCancel() {
        returnLoan();
        discardReady();
        if (ioDone) {
            discardReady(); // what the io side offered before it ended
            finishDelivery();
        }
    }

    /** Hands a lent root back without running the function on it. */
    private void returnLoan() {
        Loan l = loan;
        if (l != null) {
            l.end();
            loan = null;
            scheduleIo(); // the io side was waiting for the root to close the source
        }
    }

    private void discardReady() {
        T item;
        while ((item = ready.poll()) != null) {
            parent.items.discard.accept(item);
        }
    }

    private void finishDelivery() {
        deliveryFinished = true;
        deliveryWorker.dispose();
        if (active.compareAndSet(true, false)) {
            parent.active.exit();
        }
    }
}
