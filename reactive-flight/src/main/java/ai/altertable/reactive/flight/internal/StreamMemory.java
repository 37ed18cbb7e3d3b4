package ai.altertable.reactive.flight.internal;

import org.apache.arrow.memory.BufferAllocator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child allocator of one stream, shared by the stream and by the batches it handed out: it is closed when the
 * stream has ended <em>and</em> every batch has been closed. Closing it checks that everything allocated from it was
 * freed (Arrow throws otherwise), so a leak shows up at the latest when the client's allocator is closed.
 */
public final class StreamMemory {

    private final BufferAllocator allocator;
    private final AtomicInteger references = new AtomicInteger(1);

    public StreamMemory(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** One more holder (a batch handed to the subscriber). */
    public void retain() {
        references.incrementAndGet();
    }

    /** A holder is done; the last one closes the allocator. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            allocator.close();
        }
    }
}
