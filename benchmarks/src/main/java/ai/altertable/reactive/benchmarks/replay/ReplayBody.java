package ai.altertable.reactive.benchmarks.replay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

/**
 * A pre-generated response body held once, off-heap, as a few large slices of one direct buffer. Each response sends
 * {@link ByteBuf#retainedDuplicate()}s of the slices, made lazily as the connection asks for them, which Reactor Netty
 * releases once written (or discarded, if the exchange is cancelled); the server copies nothing per response. The
 * buffer itself is released exactly once, by {@link #close()}.
 */
public final class ReplayBody implements AutoCloseable {

    /** Slice size: large enough that the server's per-write overhead is negligible. */
    static final int SLICE_BYTES = 256 * 1024;

    private final ByteBuf whole;
    private final List<ByteBuf> slices;

    public ReplayBody(byte[] bytes) {
        this.whole = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        List<ByteBuf> s = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += SLICE_BYTES) {
            s.add(whole.slice(at, Math.min(SLICE_BYTES, bytes.length - at))); // not retained: shares whole's count
        }
        this.slices = List.copyOf(s);
    }

    public int size() {
        return whole.capacity();
    }

    /** The body for one response: duplicates made on demand, each owned (and released) by the server's write. */
    Flux<ByteBuf> chunks() {
        return Flux.fromIterable(slices).map(ByteBuf::retainedDuplicate);
    }

    @Override
    public void close() {
        whole.release();
    }
}
