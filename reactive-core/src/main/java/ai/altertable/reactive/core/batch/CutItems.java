package ai.altertable.reactive.core.batch;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The items of a batch the cutter closed: an unmodifiable list over the array they were gathered in, handed on without
 * a copy. The cutter never touches the array again once the list is made, so {@link Batch} keeps it as it is.
 */
final class CutItems<T> extends AbstractList<T> implements RandomAccess {

    private final Object[] items;
    private final int size;

    CutItems(Object[] items, int size) {
        this.items = items;
        this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) items[Objects.checkIndex(index, size)];
    }

    @Override
    public int size() {
        return size;
    }
}
