package ai.altertable.reactive.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows, in tests, the one short lock of Netty 4.2's adaptive buffer allocator that BlockHound reports when two event
 * loops meet on it: {@code AdaptivePoolingAllocator$MagazineGroup.tryExpandMagazines} takes a {@code StampedLock} to add
 * a magazine under contention. It guards in-memory bookkeeping, never I/O, and Netty's own BlockHound integration does
 * not list it yet. Everything else stays forbidden on non-blocking threads. Loaded through {@code META-INF/services}
 * by every module that tests with test-support.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}
