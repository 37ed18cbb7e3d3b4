package ai.altertable.reactive.mock.internal.lakehouse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user's query log: finished queries by id, the most recent {@value #CAPACITY} kept. Thread-safe. Unlike the
 * official mock's process-wide log, each user sees only their own queries.
 */
final class QueryLog {

    static final int CAPACITY = 100_000;

    private final Map<String, LoggedQuery> entries = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoggedQuery> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void add(LoggedQuery q) {
        entries.put(q.queryId(), q);
    }

    synchronized LoggedQuery get(String queryId) {
        return entries.get(queryId);
    }
}
