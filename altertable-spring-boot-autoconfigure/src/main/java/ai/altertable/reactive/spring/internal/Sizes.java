package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.spring.InvalidAltertablePropertyException;
import org.springframework.util.unit.DataSize;

/** {@link DataSize} properties to the {@code int} byte counts of the client options. */
final class Sizes {

    private Sizes() {
    }

    static int toInt(DataSize size, String property) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE || bytes < 0) {
            throw new InvalidAltertablePropertyException(property, "must be between 0 and 2GB, was " + size, null);
        }
        return (int) bytes;
    }
}
