package ai.altertable.reactive.core.row;

import ai.altertable.reactive.core.row.internal.CellErrors;
import ai.altertable.reactive.core.row.internal.ConversionFailure;
import ai.altertable.reactive.core.row.internal.JsonCellDecoder;

/**
 * A REST row: raw JSON cells decoded on first read by their column's DuckDB type (protocol §6), and cached.
 * Created by {@link Rows#fromJsonCells(RowMetadata, Object[])}.
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
