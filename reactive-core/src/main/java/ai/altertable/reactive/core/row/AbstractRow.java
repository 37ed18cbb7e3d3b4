package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.row.internal.CellErrors;
import ai.altertable.reactive.core.row.internal.ConversionFailure;
import ai.altertable.reactive.core.row.internal.ValueConversions;
import ai.altertable.reactive.core.row.internal.ValueEquality;
import ai.altertable.reactive.core.row.internal.ValueText;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The base of every {@link Row}: a transport supplies {@link #decode(int)}, which turns one cell into its natural
 * value, and this class provides bounds checks, the shared conversions of {@link #get(int, Class)}, value equality and
 * {@code toString}.
 *
 * <p>Decoding is lazy: a cell is decoded the first time it is read, so creating a row is O(1) and a malformed cell fails
 * only when read. Decoded values may be cached (see the constructor); the cache is filled with release/acquire
 * semantics, so concurrent readers see fully built values and at worst decode a cell twice. A failed decode is not
 * cached and fails again on the next read.
 *
 * <p>Equality: two rows are equal when they have the same number of cells, the same column names at each position
 * (types are not compared, so a row read over REST without types can equal one read over Flight) and equal values,
 * with binary compared by content and decimals by numeric value. {@code equals}, {@code hashCode} and
 * {@link #values()} decode every cell, and so throw {@link SerializationException} on a malformed one;
 * {@code toString} does not throw, and cuts long values to {@value ValueText#MAX_EXCERPT_CHARS} characters.
 */
public abstract class AbstractRow implements Row {

    private static final Object NULL_MARK = new Object();
    private static final VarHandle CACHE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            CACHE = MethodHandles.lookup().findVarHandle(AbstractRow.class, "cache", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RowMetadata metadata;
    private final int size;
    private final boolean cacheDecoded;
    @SuppressWarnings("unused") // accessed through CACHE
    private Object[] cache;

    /**
     * @param metadata     the result's columns, shared by its rows
     * @param size         the number of cells
     * @param cacheDecoded whether to keep decoded values; use {@code true} when decoding allocates or parses
     */
    protected AbstractRow(RowMetadata metadata, int size, boolean cacheDecoded) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.size = size;
        this.cacheDecoded = cacheDecoded;
    }

    /**
     * The natural value of cell {@code index} (already checked to be in range): an instance of the column type's
     * {@link DuckDbType#javaType()}, or {@code null} for SQL {@code NULL}.
     *
     * @throws SerializationException if the cell does not fit its type
     */
    protected abstract Object decode(int index);

    /**
     * Whether decoding cell {@code index} (in range) is so cheap that caching it would cost more than it saves (the
     * stored cell already is its natural value, say); such cells are decoded on every read even when this row caches.
     * The default is {@code false}.
     */
    protected boolean cheapToDecode(int index) {
        return false;
    }

    /** Whether cell {@code index} (in range) is SQL {@code NULL}; override when this can be known without decoding. */
    protected boolean isNullCell(int index) {
        return decoded(index) == null;
    }

    @Override
    public final RowMetadata metadata() {
        return metadata;
    }

    @Override
    public final int size() {
        return size;
    }

    @Override
    public final Object get(int index) {
        Objects.checkIndex(index, size);
        return unshared(decoded(index));
    }

    @Override
    public final <T> T get(int index, Class<T> type) {
        Objects.requireNonNull(type, "type");
        Object value = get(index);
        try {
            return ValueConversions.convert(value, type);
        } catch (ConversionFailure f) {
            throw CellErrors.conversionFailure(metadata, index, value, type, f);
        }
    }

    @Override
    public final boolean isNull(int index) {
        Objects.checkIndex(index, size);
        return isNullCell(index);
    }

    @Override
    public final List<Object> values() {
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    private Object decoded(int index) {
        if (!cacheDecoded || cheapToDecode(index)) {
            return decode(index);
        }
        Object[] slots = (Object[]) CACHE.getAcquire(this);
        if (slots == null) {
            Object[] fresh = new Object[size];
            Object witness = CACHE.compareAndExchange(this, (Object[]) null, fresh);
            slots = witness == null ? fresh : (Object[]) witness;
        }
        Object value = SLOT.getAcquire(slots, index);
        if (value != null) {
            return value == NULL_MARK ? null : value;
        }
        value = decode(index);
        SLOT.setRelease(slots, index, value == null ? NULL_MARK : value);
        return value;
    }

    /** Mutable values are handed out as copies, so that no caller can change the row for another. */
    private static Object unshared(Object value) {
        if (value instanceof byte[]) {
            return ((byte[]) value).clone();
        }
        if (value instanceof JsonNode && ((JsonNode) value).isContainerNode()) {
            return ((JsonNode) value).deepCopy();
        }
        return value;
    }

    private String nameAt(int index) {
        return index < metadata.size() ? metadata.column(index).name() : null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Row)) {
            return false;
        }
        Row other = (Row) o;
        if (other.size() != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            String otherName = i < other.metadata().size() ? other.metadata().column(i).name() : null;
            if (!Objects.equals(nameAt(i), otherName) || !ValueEquality.equal(get(i), other.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Objects.hashCode(nameAt(i));
            h = 31 * h + ValueEquality.hash(decoded(i));
        }
        return h;
    }

    /** {@code Row[id=1, name=Alice]}; cells without a column name appear as their value alone. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String name = nameAt(i);
            if (name != null) {
                sb.append(name).append('=');
            }
            try {
                sb.append(ValueText.brief(decoded(i)));
            } catch (SerializationException e) {
                sb.append("<undecodable ").append(metadata.typeAt(i)).append('>');
            }
        }
        return sb.append(']').toString();
    }
}
