package ai.altertable.reactive.examples;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Short, CPU-only critical sections of libraries that BlockHound reports when two event-loop threads meet on them. Each
 * guards in-memory work, never I/O; BlockHound loads this class through {@code META-INF/services}.
 *
 * <p>Jackson 3 (Spring's codecs) builds the deserializer of a type on its first use under a {@code ReentrantLock}. (Netty's
 * allocator lock is allowed for every module by test-support.)
 */
public final class ShortLocksBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "findValueDeserializer");
    }
}
