package ai.altertable.reactive.core.batch;

import java.util.List;

/**
 * A batch cut by {@link Batcher}: consecutive items of the source, in order.
 *
 * @param index    0-based position of the batch in the stream
 * @param firstRow 0-based position of its first item in the source
 * @param items    the items (unmodifiable)
 * @param bytes    the sum of the items' encoded sizes
 */
public record Batch<T>(long index, long firstRow, List<T> items, long bytes) {

    public Batch {
        items = items instanceof CutItems ? items : List.copyOf(items); // the cutter's lists are unmodifiable already
    }

    /** Number of items. */
    public int rows() {
        return items.size();
    }

    /** 0-based position of its last item in the source. */
    public long lastRow() {
        return firstRow + items.size() - 1;
    }

    /** "batch 3 (rows 30000-39999)", for messages. */
    public String describe() {
        return "batch " + index + " (rows " + firstRow + "-" + lastRow() + ")";
    }
}
