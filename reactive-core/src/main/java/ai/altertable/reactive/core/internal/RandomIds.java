package ai.altertable.reactive.core.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs without {@link UUID#randomUUID()}, whose {@code SecureRandom} may read {@code /dev/urandom}
 * with blocking file I/O, which is not allowed on an event loop. The ids identify queries and sessions; they are not
 * secrets (every call that uses them is authenticated), so {@link ThreadLocalRandom} is enough.
 */
public final class RandomIds {

    private RandomIds() {
    }

    /** A random UUID of version 4, variant 2, in lowercase hyphenated form via {@link UUID#toString()}. */
    public static UUID uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
