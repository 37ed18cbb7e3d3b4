package ai.altertable.reactive.rest.internal.ndjson;

import ai.altertable.reactive.core.row.Row;
import io.netty.buffer.ByteBuf;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;

/**
 * The rows of a {@code /query} body, decoded from its chunks by one {@link QueryStreamDecoder} per subscription, each
 * row when it is requested: the operator behind {@link QueryStreamDecoder#decode}.
 *
 * <p><b>Chunks</b> are {@code byte[]}s or Netty {@link ByteBuf}s. A {@code ByteBuf} is the transport's: it is retained
 * when it arrives and released exactly once: when it is fed (it is copied then into one array per stream, reused
 * while chunks keep coming and dropped while the stream waits for one), or when the stream ends, fails or is cancelled
 * first (by whichever thread runs the serialized drain loop). So while a chunk waits to be decoded it is held in the
 * transport's pooled (direct) memory, not on the heap. Jackson's {@code ByteBuffer} parser could read the buffers in
 * place, without the copy, but it parses about half as fast as its byte-array parser (measured in the benchmarks'
 * section 1), far more than the copy of a chunk costs.
 *
 * <p><b>Demand.</b> One chunk is requested ahead of the one being decoded, so at most two are held; the next chunk is
 * fed only once the rows of the current one have been delivered. Rows are parsed only when requested (while chunks may
 * still come, no row is parsed ahead), straight from the decoder, with no iterator or queue per row.
 *
 * <p><b>Signals.</b> A failure of the decoder ends the stream after the rows before the failing line. A failure of the
 * chunks is delivered after the rows of the chunks received before it, unchanged; the end of the chunks ends the
 * decoder's input (a body that ends early fails there). Once the chunks have ended or failed, one row is decoded
 * ahead of demand, so that completion or an error that follows the last row requested is signalled without a further
 * request (as Reactive Streams allows, and as a subscriber that asked for exactly the rows there are expects).
 */
final class DecodedRows extends Flux<Row> {

    private final Publisher<?> chunks;
    private final Supplier<QueryStreamDecoder> decoders;

    DecodedRows(Publisher<?> chunks, Supplier<QueryStreamDecoder> decoders) {
        this.chunks = Objects.requireNonNull(chunks, "chunks");
        this.decoders = Objects.requireNonNull(decoders, "decoders");
    }

    @Override
    public void subscribe(CoreSubscriber<? super Row> actual) {
        chunks.subscribe(new Decoding(actual, decoders));
    }

    private static final class Decoding implements CoreSubscriber<Object>, Subscription {

        private final CoreSubscriber<? super Row> actual;
        private final Supplier<QueryStreamDecoder> decoders;

        private Subscription upstream;
        private volatile long requested;
        private volatile int wip;
        /** A chunk that arrived and is not fed yet (one at most: one is requested at a time). */
        private volatile Object queued;
        private volatile boolean done;
        private Throwable error;
        private volatile boolean cancelled;

        // touched by the drain loop only
        /** The input the decoder is reading ({@code null} between chunks): a chunk's array, or {@link #scratch}. */
        private byte[] current;
        /**
         * Where buffers are copied for the parser, reused from chunk to chunk while they keep coming, dropped when the
         * stream waits for one (so that an idle stream holds none).
         */
        private byte[] scratch;
        /** A row decoded ahead of demand (only once the chunks have ended), delivered first. */
        private Row pending;
        private boolean inputEnded;
        private boolean finished;
        /**
         * Made when the first chunk (or the end) arrives: a stream still waiting for its response holds no parser (its
         * objects are about 1 KB, which adds up over thousands of concurrent queries).
         */
        private QueryStreamDecoder decoder;

        Decoding(CoreSubscriber<? super Row> actual, Supplier<QueryStreamDecoder> decoders) {
            this.actual = actual;
            this.decoders = decoders;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
                s.request(1);
            }
        }

        @Override
        public void onNext(Object chunk) {
            if (chunk instanceof ByteBuf) {
                ((ByteBuf) chunk).retain(); // ours from here on: released once, by the drain loop
            }
            if (done) {
                release(chunk);
                return;
            }
            if (!QUEUED.compareAndSet(this, null, chunk)) {
                release(chunk);
                if (queued != DONE) { // not over: the source sent more than was requested
                    onError(new IllegalStateException("a chunk arrived before the previous one was fed"));
                }
                return;
            }
            drain();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            error = t;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                Operators.addCap(REQUESTED, this, n);
                drain();
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                upstream.cancel();
                drain();
            }
        }

        private void drain() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            int missed = 1;
            for (;;) {
                if (!finished) {
                    emit();
                }
                missed = WIP.addAndGet(this, -missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /**
         * Delivers rows while they are requested; stops when the stream is over or waits for a chunk. Once the chunks
         * have ended (or failed), one row is decoded ahead of demand, so that the end of the stream is signalled
         * without waiting for a request that a subscriber who has all the rows need not make.
         */
        private void emit() {
            long r = requested;
            long e = 0;
            while (true) {
                if (cancelled) {
                    finish();
                    return;
                }
                if (pending == null) {
                    if (e == r && !done) {
                        break; // more chunks may come: nothing is decoded ahead of demand
                    }
                    Row row = next();
                    if (finished) {
                        return;
                    }
                    if (row == null) {
                        break; // waiting for a chunk
                    }
                    pending = row;
                }
                if (e == r) {
                    break;
                }
                Row row = pending;
                pending = null;
                actual.onNext(row);
                e++;
            }
            if (e != 0) {
                Operators.produced(REQUESTED, this, e);
            }
        }

        /**
         * The next row, feeding chunks as they are used up; {@code null} if the next chunk has not arrived, or when the
         * stream is over ({@link #finished} then says so, its end has been signalled).
         */
        private Row next() {
            while (true) {
                Row row;
                try {
                    row = current != null || inputEnded ? decoder.poll() : null;
                } catch (RuntimeException failure) {
                    upstream.cancel();
                    finish();
                    actual.onError(failure);
                    return null;
                }
                if (row != null) {
                    return row;
                }
                if (inputEnded) { // everything decoded
                    finish();
                    actual.onComplete();
                    return null;
                }
                if (!takeNextChunk()) {
                    return null;
                }
            }
        }

        /**
         * The current chunk is used up: releases it and feeds the next one (asking for one more), or ends the input
         * if the chunks are over. A failure of the chunks is delivered here, after the rows of the chunks before it.
         *
         * @return whether there is input to decode (else wait for a chunk, or the stream is over)
         */
        private boolean takeNextChunk() {
            current = null; // used up (a chunk's buffer was released when it was copied)
            boolean ended = done; // read before the slot: a chunk that arrived before the end is then seen there
            Object next = QUEUED.getAndSet(this, null);
            if (next != null) {
                try {
                    current = feed(next);
                } catch (RuntimeException failure) {
                    upstream.cancel();
                    finish();
                    actual.onError(failure);
                    return false;
                }
                upstream.request(1);
                return true;
            }
            if (!ended) {
                scratch = null; // waiting: an idle stream holds no copy buffer
                return false;
            }
            if (error != null) {
                finish();
                actual.onError(error);
                return false;
            }
            inputEnded = true;
            try {
                decoder().endOfInput();
            } catch (RuntimeException failure) {
                finish();
                actual.onError(failure);
                return false;
            }
            return true;
        }

        /**
         * Feeds a chunk to the decoder: an array as it is, a buffer copied into {@link #scratch} and released.
         *
         * @return what the decoder now reads
         */
        private byte[] feed(Object chunk) {
            if (!(chunk instanceof ByteBuf)) {
                byte[] array = (byte[]) chunk;
                decoder().feed(array);
                return array;
            }
            ByteBuf buf = (ByteBuf) chunk;
            int length = buf.readableBytes();
            try {
                if (scratch == null || scratch.length < length) {
                    scratch = new byte[Math.max(length, MIN_SCRATCH)];
                }
                buf.getBytes(buf.readerIndex(), scratch, 0, length);
            } finally {
                buf.release();
            }
            decoder().feed(scratch, 0, length);
            return scratch;
        }

        private QueryStreamDecoder decoder() {
            if (decoder == null) {
                decoder = decoders.get();
            }
            return decoder;
        }

        /** The stream is over: releases the chunks held; nothing is decoded any more. */
        private void finish() {
            finished = true;
            pending = null;
            current = null;
            scratch = null;
            Object q = QUEUED.getAndSet(this, DONE);
            if (q != null && q != DONE) {
                release(q);
            }
        }

        private static void release(Object chunk) {
            if (chunk instanceof ByteBuf) {
                ((ByteBuf) chunk).release();
            }
        }

        /** The smallest copy buffer: Reactor Netty's HTTP content pieces are at most 8 KiB by default. */
        private static final int MIN_SCRATCH = 8192;

        /** Put in the queue slot once the stream is over, so that a late chunk is released at once. */
        private static final Object DONE = new Object();

        private static final AtomicLongFieldUpdater<Decoding> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(Decoding.class, "requested");
        private static final AtomicIntegerFieldUpdater<Decoding> WIP =
                AtomicIntegerFieldUpdater.newUpdater(Decoding.class, "wip");
        private static final AtomicReferenceFieldUpdater<Decoding, Object> QUEUED =
                AtomicReferenceFieldUpdater.newUpdater(Decoding.class, Object.class, "queued");
    }
}
