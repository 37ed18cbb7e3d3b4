package ai.altertable.reactive.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented tag key set of every meter (README, Observability), asserted exactly. */
final class MeterAssertions {

    static final Set<String> OP_TRANSPORT = Set.of("operation", "transport");

    static final Map<String, Set<String>> TAG_KEYS = Map.ofEntries(
            Map.entry("altertable.client.operation.duration", Set.of("operation", "transport", "outcome",
                    "status.class")),
            Map.entry("altertable.client.first.row", OP_TRANSPORT),
            Map.entry("altertable.client.rows.received", OP_TRANSPORT),
            Map.entry("altertable.client.bytes.received", OP_TRANSPORT),
            Map.entry("altertable.client.rows.sent", OP_TRANSPORT),
            Map.entry("altertable.client.bytes.sent", OP_TRANSPORT),
            Map.entry("altertable.client.streams.open", Set.of("transport")),
            Map.entry("altertable.client.batches.written", OP_TRANSPORT),
            Map.entry("altertable.client.batch.rows", OP_TRANSPORT),
            Map.entry("altertable.client.batches.failed", Set.of("operation", "transport", "status.class")),
            Map.entry("altertable.client.batches.resent", OP_TRANSPORT),
            Map.entry("altertable.client.retries", Set.of("operation", "transport", "cause")),
            Map.entry("altertable.client.cancels.sent", OP_TRANSPORT),
            Map.entry("altertable.client.appender.queue.depth", OP_TRANSPORT),
            Map.entry("altertable.client.appender.waiting", OP_TRANSPORT));

    private MeterAssertions() {
    }

    /** Every meter of {@code registry} has exactly its documented tag keys (plus {@code extra} ones). */
    static void assertTagKeys(MeterRegistry registry, Set<String> extra) {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Meter m : registry.getMeters()) {
            Set<String> keys = m.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toCollection(TreeSet::new));
            Set<String> previous = actual.put(m.getId().getName(), keys);
            if (previous != null) {
                assertThat(keys).as("tag keys of %s", m.getId()).isEqualTo(previous);
            }
        }
        assertThat(TAG_KEYS.keySet()).containsAll(actual.keySet());
        actual.forEach((name, keys) -> {
            Set<String> expected = new TreeSet<>(TAG_KEYS.get(name));
            if (!name.endsWith("streams.open") && !name.contains("appender")) {
                expected.addAll(extra);
            }
            assertThat(keys).as("tag keys of %s", name).isEqualTo(expected);
        });
    }
}
