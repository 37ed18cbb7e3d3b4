package ai.altertable.reactive.mock.internal;

import ai.altertable.reactive.mock.ObservedTraceparent;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The W3C {@code traceparent} values the mock received (REST headers and Flight gRPC metadata), newest last, the
 * {@value #MAX} most recent only. Requests without one are not recorded. Thread-safe.
 */
public final class TraceparentLog {

    /** The header and metadata key. */
    public static final String KEY = "traceparent";
    static final int MAX = 1000;

    private final Deque<ObservedTraceparent> seen = new ArrayDeque<>();

    /** Records {@code value} if there is one. */
    public void record(String transport, String route, String value) {
        if (value == null) {
            return;
        }
        synchronized (seen) {
            if (seen.size() == MAX) {
                seen.removeFirst();
            }
            seen.addLast(new ObservedTraceparent(transport, route, value));
        }
    }

    /** A snapshot, oldest first. */
    public List<ObservedTraceparent> snapshot() {
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }
}
