package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.internal.CellErrors;
import ai.altertable.reactive.core.row.internal.ConversionFailure;
import ai.altertable.reactive.core.row.internal.JsonCellDecoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A REST row: raw JSON cells decoded on first read by their column's DuckDB type (protocol §6).
 * Created by {@link Rows#fromJsonCells(RowMetadata, Object[])}.
 *
 * <p>A raw cell that already is its natural value (a {@code String} in a {@code VARCHAR} column, a {@code Long} in a
 * {@code BIGINT} one, a {@code Double} in a {@code DOUBLE} one, ...: see {@link RowMetadata#rawIsNatural}) is handed
 * out as it is, without decoding or caching. Every other cell is decoded on first read and cached with
 * release/acquire semantics, as {@link AbstractRow} describes: concurrent readers see fully built values and at worst
 * decode a cell twice; a failed decode is not cached.
 */
final class JsonCellRow extends AbstractRow {

    private static final Object NULL_MARK = new Object();
    private static final VarHandle CACHE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            CACHE = MethodHandles.lookup().findVarHandle(JsonCellRow.class, "cache", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] cells;
    /** Decoded values of the cells that needed decoding; created on the first such read. Accessed through CACHE. */
    @SuppressWarnings("unused")
    private Object[] cache;

    JsonCellRow(RowMetadata metadata, Object[] cells) {
        super(metadata, cells.length, false); // this class caches what needs caching
        this.cells = cells;
    }

    @Override
    protected Object decode(int index) {
        Object raw = cells[index];
        if (raw == null) {
            return null;
        }
        if (metadata().rawIsNatural(index, raw)) {
            return raw;
        }
        Object[] slots = (Object[]) CACHE.getAcquire(this);
        if (slots == null) {
            Object[] fresh = new Object[cells.length];
            Object witness = CACHE.compareAndExchange(this, (Object[]) null, fresh);
            slots = witness == null ? fresh : (Object[]) witness;
        }
        Object value = SLOT.getAcquire(slots, index);
        if (value != null) {
            return value == NULL_MARK ? null : value;
        }
        value = decodeRaw(index, raw);
        SLOT.setRelease(slots, index, value == null ? NULL_MARK : value);
        return value;
    }

    private Object decodeRaw(int index, Object raw) {
        try {
            return JsonCellDecoder.decode(raw, metadata().typeAt(index));
        } catch (ConversionFailure f) {
            throw CellErrors.decodeFailure(metadata(), index, raw, f);
        }
    }

    @Override
    protected boolean isNullCell(int index) {
        return cells[index] == null;
    }
}
