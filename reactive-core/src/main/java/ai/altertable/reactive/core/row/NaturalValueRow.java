package ai.altertable.reactive.core.row;

/**
 * A row over values that are already natural Java values (built by a transport that decodes eagerly, or by tests).
 * Created by {@link Rows#of(RowMetadata, Object...)}.
 */
final class NaturalValueRow extends AbstractRow {

    private final Object[] values;

    NaturalValueRow(RowMetadata metadata, Object[] values) {
        super(metadata, values.length, false);
        this.values = values;
    }

    @Override
    protected Object decode(int index) {
        return values[index];
    }

    @Override
    protected boolean isNullCell(int index) {
        return values[index] == null;
    }
}
