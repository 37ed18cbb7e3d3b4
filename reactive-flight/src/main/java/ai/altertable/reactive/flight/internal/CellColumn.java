package ai.altertable.reactive.flight.internal;

import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * How the values of one column of a row ingest become cells, what a cell adds to a record batch, and how a column of
 * cells is written into its vector; chosen once per schema, by the column's Arrow type.
 *
 * <p>Three kinds. A <em>text</em> column ({@code VARCHAR}, {@code LARGEVARCHAR}) turns each text value
 * ({@link CharSequence}, {@link UUID}, enum) into its UTF-8 bytes as the row becomes cells, once: the size is the
 * bytes' length and the write copies them. A <em>fixed</em> column (every type whose estimate does not depend on the
 * value) keeps its values and adds the same bytes per row. Any other column (binary, lists, structs) keeps its values,
 * estimated and written as {@link ArrowValueWriter} says. The sizes are those of {@link ArrowValueWriter#estimate}
 * (for text: the bytes written; the estimate's scan counts the same for well-formed text, 4 for a lone surrogate that
 * UTF-8 encoding writes as one {@code '?'}), so batches are cut where they were; a value that does not fit its column
 * fails at the write with {@link ArrowValueWriter}'s error, as before.
 */
abstract class CellColumn {

    final Field field;

    private CellColumn(Field field) {
        this.field = field;
    }

    static CellColumn of(Field field) {
        switch (field.getType().getTypeID()) {
            case Utf8:
            case LargeUtf8:
                return new Text(field);
            case Binary:
            case LargeBinary:
            case List:
            case Struct:
                return new Other(field);
            default:
                return new Fixed(field);
        }
    }

    /** The cell a value becomes as its row enters the batching engine. */
    Object cell(Object value) {
        return value;
    }

    /** The bytes a cell adds to a record batch; constant for a fixed column (see {@link #fixedSize()}). */
    long size(Object cell) {
        return ArrowValueWriter.estimate(field, cell);
    }

    /** The bytes every cell of this column adds, or -1 when it depends on the cell. */
    long fixedSize() {
        return -1;
    }

    /** The writer of this column's cells into {@code vector}. */
    abstract CellWriter writer(FieldVector vector);

    /**
     * Writes the cells of a column of a batch into its vector, which it allocates for them: a loop of its own per
     * column type, so that each loop's calls are to one vector type and one value type.
     */
    @FunctionalInterface
    interface CellWriter {
        /** Writes the cells at {@code column} of the first {@code count} {@code rows}. */
        void write(List<Object[]> rows, int column, int count);
    }

    /** A value of the wrong type in a text column, kept to fail at its write with the usual error. */
    private static final class Unfit {
        final Object value;

        Unfit(Object value) {
            this.value = value;
        }
    }

    private static final class Text extends CellColumn {
        private final long nullSize;
        private final long overhead; // validity byte and offset

        Text(Field field) {
            super(field);
            this.nullSize = ArrowValueWriter.estimate(field, null);
            this.overhead = ArrowValueWriter.estimate(field, "");
        }

        @Override
        Object cell(Object value) {
            if (value instanceof String) {
                return ((String) value).getBytes(StandardCharsets.UTF_8);
            }
            if (value == null) {
                return null;
            }
            if (value instanceof CharSequence || value instanceof UUID || value instanceof Enum) {
                return value.toString().getBytes(StandardCharsets.UTF_8);
            }
            return new Unfit(value);
        }

        @Override
        long size(Object cell) {
            if (cell instanceof byte[]) {
                return overhead + ((byte[]) cell).length;
            }
            return cell == null ? nullSize : ArrowValueWriter.estimate(field, ((Unfit) cell).value);
        }

        @Override
        CellWriter writer(FieldVector vector) {
            if (vector instanceof BaseVariableWidthVector) {
                BaseVariableWidthVector text = (BaseVariableWidthVector) vector;
                return (rows, column, count) -> {
                    text.allocateNew(Math.max(1, textBytes(rows, column, count)), count); // holds them all
                    for (int r = 0; r < count; r++) {
                        Object cell = rows.get(r)[column];
                        if (cell instanceof byte[]) {
                            text.set(r, (byte[]) cell);
                        } else {
                            ArrowValueWriter.set(text, r, cell == null ? null : ((Unfit) cell).value);
                        }
                    }
                };
            }
            BaseLargeVariableWidthVector large = (BaseLargeVariableWidthVector) vector;
            return (rows, column, count) -> {
                large.allocateNew(Math.max(1, textBytes(rows, column, count)), count);
                for (int r = 0; r < count; r++) {
                    Object cell = rows.get(r)[column];
                    if (cell instanceof byte[]) {
                        large.set(r, (byte[]) cell);
                    } else {
                        ArrowValueWriter.set(large, r, cell == null ? null : ((Unfit) cell).value);
                    }
                }
            };
        }

        private static long textBytes(List<Object[]> rows, int column, int count) {
            long bytes = 0;
            for (int r = 0; r < count; r++) {
                Object cell = rows.get(r)[column];
                if (cell instanceof byte[]) {
                    bytes += ((byte[]) cell).length;
                }
            }
            return bytes;
        }
    }

    private static final class Fixed extends CellColumn {
        private final long size;

        Fixed(Field field) {
            super(field);
            this.size = ArrowValueWriter.estimate(field, null); // the same for every value of a fixed-width type
        }

        @Override
        long size(Object cell) {
            return size;
        }

        @Override
        long fixedSize() {
            return size;
        }

        @Override
        CellWriter writer(FieldVector vector) {
            switch (vector.getMinorType()) {
                case BIGINT:
                    BigIntVector bigint = (BigIntVector) vector;
                    return (rows, column, count) -> {
                        allocate(bigint, count);
                        for (int r = 0; r < count; r++) {
                            Object v = rows.get(r)[column];
                            if (v instanceof Long) {
                                bigint.set(r, (Long) v);
                            } else {
                                ArrowValueWriter.set(bigint, r, v);
                            }
                        }
                    };
                case INT:
                    IntVector integer = (IntVector) vector;
                    return (rows, column, count) -> {
                        allocate(integer, count);
                        for (int r = 0; r < count; r++) {
                            Object v = rows.get(r)[column];
                            if (v instanceof Integer) {
                                integer.set(r, (Integer) v);
                            } else {
                                ArrowValueWriter.set(integer, r, v);
                            }
                        }
                    };
                case FLOAT8:
                    Float8Vector float8 = (Float8Vector) vector;
                    return (rows, column, count) -> {
                        allocate(float8, count);
                        for (int r = 0; r < count; r++) {
                            Object v = rows.get(r)[column];
                            if (v instanceof Double) {
                                float8.set(r, (Double) v);
                            } else {
                                ArrowValueWriter.set(float8, r, v);
                            }
                        }
                    };
                case BIT:
                    BitVector bit = (BitVector) vector;
                    return (rows, column, count) -> {
                        allocate(bit, count);
                        for (int r = 0; r < count; r++) {
                            Object v = rows.get(r)[column];
                            if (v instanceof Boolean) {
                                bit.set(r, (Boolean) v ? 1 : 0);
                            } else {
                                ArrowValueWriter.set(bit, r, v);
                            }
                        }
                    };
                default:
                    return generic(vector);
            }
        }
    }

    /** Allocates a vector for {@code count} values; a fixed-width one then holds them without growing. */
    private static void allocate(FieldVector vector, int count) {
        vector.setInitialCapacity(count);
        vector.allocateNew();
    }

    /** Every cell as {@link ArrowValueWriter} writes it. */
    private static CellWriter generic(FieldVector vector) {
        return (rows, column, count) -> {
            allocate(vector, count);
            for (int r = 0; r < count; r++) {
                ArrowValueWriter.set(vector, r, rows.get(r)[column]);
            }
        };
    }

    private static final class Other extends CellColumn {
        Other(Field field) {
            super(field);
        }

        @Override
        CellWriter writer(FieldVector vector) {
            return generic(vector);
        }
    }
}
