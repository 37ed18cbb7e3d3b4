package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.ObservedQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The mock's record of recent queries across all users, for tests to observe: rows produced, cancels received. Keeps
 * the most recent {@value #CAPACITY} queries. Thread-safe.
 */
public final class QueryTracker {

    static final int CAPACITY = 10_000;

    private final Map<String, RunningQuery> queries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> cancels = new ConcurrentLinkedQueue<>();

    void track(RunningQuery q) {
        queries.put(q.queryId(), q);
        order.add(q.queryId());
        while (queries.size() > CAPACITY) {
            String eldest = order.poll();
            if (eldest == null) {
                break;
            }
            queries.remove(eldest);
        }
    }

    void cancelReceived(String queryId) {
        cancels.add(queryId);
        if (cancels.size() > CAPACITY) {
            cancels.poll();
        }
    }

    /** The query, or {@code null} if unknown. */
    public ObservedQuery observe(String queryId) {
        RunningQuery q = queries.get(queryId);
        return q == null ? null : q.observe();
    }

    /** Query ids of every {@code DELETE /query/{id}} received, known or not, oldest first. */
    public List<String> cancelRequests() {
        return new ArrayList<>(cancels);
    }

    /** Rows produced by all tracked queries. */
    public long rowsProduced() {
        long sum = 0;
        for (RunningQuery q : queries.values()) {
            sum += q.rowsProduced();
        }
        return sum;
    }
}
