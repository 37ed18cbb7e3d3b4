package ai.altertable.reactive.rest.internal.ndjson;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

/**
 * A body as Reactor Netty delivers it: pooled direct {@link ByteBuf}s, each released by the source right after the
 * subscriber's {@code onNext} returns (so a subscriber that needs one longer must retain it). Remembers every buffer,
 * so that a test can check each was released exactly once (a second release throws; one missing leaves a count).
 */
final class TransportChunks {

    private final List<ByteBuf> buffers = new ArrayList<>();
    private final List<byte[]> chunks;

    TransportChunks(List<byte[]> chunks) {
        this.chunks = chunks;
    }

    /** A cold source: each subscription gets fresh buffers of the same chunks. */
    Flux<ByteBuf> flux() {
        return Flux.defer(() -> Flux.fromIterable(chunks).map(this::buffer)).transform(TransportChunks::releasedAfterNext);
    }

    private synchronized ByteBuf buffer(byte[] chunk) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, chunk.length));
        buf.writeBytes(chunk);
        buffers.add(buf);
        return buf;
    }

    /** How many buffers were made. */
    synchronized int made() {
        return buffers.size();
    }

    /** The buffers still referenced (released by nobody, or by the source only and retained since). */
    synchronized List<ByteBuf> unreleased() {
        return buffers.stream().filter(b -> b.refCnt() != 0).toList();
    }

    /** Releases what a failing test left, so that one failure does not show up as leaks in other tests. */
    synchronized void releaseLeftovers() {
        unreleased().forEach(b -> b.release(b.refCnt()));
    }

    /** The source's own release after each {@code onNext}, as Reactor Netty's inbound does. */
    static Flux<ByteBuf> releasedAfterNext(Flux<ByteBuf> source) {
        return new Flux<ByteBuf>() {
            @Override
            public void subscribe(CoreSubscriber<? super ByteBuf> actual) {
                source.subscribe(releasing(actual));
            }
        };
    }

    private static CoreSubscriber<ByteBuf> releasing(CoreSubscriber<? super ByteBuf> actual) {
        return new CoreSubscriber<ByteBuf>() {
            @Override
            public void onSubscribe(Subscription s) {
                actual.onSubscribe(s);
            }

            @Override
            public void onNext(ByteBuf buf) {
                try {
                    actual.onNext(buf);
                } finally {
                    buf.release();
                }
            }

            @Override
            public void onError(Throwable t) {
                actual.onError(t);
            }

            @Override
            public void onComplete() {
                actual.onComplete();
            }

            @Override
            public reactor.util.context.Context currentContext() {
                return actual.currentContext();
            }
        };
    }
}
