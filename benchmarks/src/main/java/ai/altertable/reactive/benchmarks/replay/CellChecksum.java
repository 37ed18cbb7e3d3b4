package ai.altertable.reactive.benchmarks.replay;

/**
 * Folds every cell of a row into one number, so that a benchmark reader cannot skip decoding (the JIT cannot drop work
 * whose result is checked) and so that every path can be checked against {@link NdjsonRows#expectedChecksum(long)}.
 * Not thread-safe: one per reader.
 */
public final class CellChecksum {

    private long value;
    private long rows;

    /** Adds one row's cells. */
    public void add(long id, String service, double ms, boolean ok, String note) {
        long h = id * 31 + service.hashCode();
        h = h * 31 + Double.doubleToLongBits(ms);
        h = h * 31 + (ok ? 1 : 2);
        h = h * 31 + (note == null ? 0 : note.hashCode());
        value += h;
        rows++;
    }

    public long value() {
        return value;
    }

    public long rows() {
        return rows;
    }
}
