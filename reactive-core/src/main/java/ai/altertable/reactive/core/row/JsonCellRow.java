package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.internal.CellErrors;
import ai.altertable.reactive.core.row.internal.ConversionFailure;
import ai.altertable.reactive.core.row.internal.JsonCellDecoder;

/**
 * A REST row: raw JSON cells decoded on first read by their column's DuckDB type (protocol §6).
 * Created by {@link Rows#fromJsonCells(RowMetadata, Object[])}.
 *
 * <p>A raw cell that already is its natural value (a {@code String} in a {@code VARCHAR} column, a {@code Long} in a
 * {@code BIGINT} one, a {@code Double} in a {@code DOUBLE} one, ...: see {@link RowMetadata#rawIsNatural}) is handed
 * out as it is, without decoding or caching. Every other cell is decoded on first read and cached, as
 * {@link AbstractRow} describes.
 */
final class JsonCellRow extends AbstractRow {

    private final Object[] cells;

    JsonCellRow(RowMetadata metadata, Object[] cells) {
        super(metadata, cells.length, true);
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
        try {
            return JsonCellDecoder.decode(raw, metadata().typeAt(index));
        } catch (ConversionFailure f) {
            throw CellErrors.decodeFailure(metadata(), index, raw, f);
        }
    }

    @Override
    protected boolean cheapToDecode(int index) {
        Object raw = cells[index];
        return raw == null || metadata().rawIsNatural(index, raw);
    }

    @Override
    protected boolean isNullCell(int index) {
        return cells[index] == null;
    }
}
