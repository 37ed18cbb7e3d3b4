package ai.altertable.reactive.core.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered columns of a result, shared by every row of that result.
 *
 * <p>Names are looked up by {@link #indexOf(String)}: the first column with exactly that name, else the first whose name
 * matches ignoring case, else {@code -1}. Duplicate and empty names are legal; such columns are still reachable by
 * position. A result may also have rows but <em>no</em> columns (the mock sends {@code []} for some results): then
 * every cell has an unknown type and no name ({@link #typeAt(int)} answers for any index).
 *
 * <p>Immutable and thread-safe; the name lookup tables are built once, so a transport should create one instance per
 * result and share it between rows.
 */
public final class RowMetadata {

    private static final RowMetadata EMPTY = new RowMetadata(List.of());
    private static final int MAX_NAMES_IN_MESSAGE = 50;

    private final List<Column> columns;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> folded;
    /** Per column, the class of the raw JSON cells that already are their natural value (see {@link JsonCellRow}). */
    private final Class<?>[] rawIsNatural;

    private RowMetadata(List<Column> columns) {
        this.columns = columns;
        this.exact = new HashMap<>(columns.size() * 2);
        this.folded = new HashMap<>(columns.size() * 2);
        this.rawIsNatural = new Class<?>[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            exact.putIfAbsent(name, i);
            folded.putIfAbsent(fold(name), i);
            rawIsNatural[i] = rawIsNatural(columns.get(i).type().kind());
        }
    }

    /**
     * The class of raw JSON cells of this kind that {@code JsonCellDecoder} returns unchanged (or as an equal value of
     * the same immutable class), or {@code null} when every cell needs decoding.
     */
    private static Class<?> rawIsNatural(DuckDbType.Kind kind) {
        switch (kind) {
            case BOOLEAN:
            case BIGINT:
            case HUGEINT:
            case FLOAT:
            case DOUBLE:
            case VARCHAR:
            case ENUM:
            case BIT:
                return kind.javaType();
            default:
                return null;
        }
    }

    /**
     * Whether the raw JSON cell {@code raw} (not {@code null}) at {@code index} is already its natural value, so that
     * a row can hand it out without decoding or caching it.
     */
    boolean rawIsNatural(int index, Object raw) {
        return index < rawIsNatural.length && raw.getClass() == rawIsNatural[index];
    }

    /** Metadata for the given columns, in order. */
    public static RowMetadata of(List<Column> columns) {
        List<Column> copy = List.copyOf(columns);
        return copy.isEmpty() ? EMPTY : new RowMetadata(copy);
    }

    /** Metadata for the given columns, in order. */
    public static RowMetadata of(Column... columns) {
        return of(Arrays.asList(columns));
    }

    /** Metadata for columns known by name only (types unknown), as the mock sends them. */
    public static RowMetadata ofNames(List<String> names) {
        List<Column> columns = new ArrayList<>(names.size());
        for (String name : names) {
            columns.add(Column.named(name));
        }
        return of(columns);
    }

    /** Metadata for columns known by name only (types unknown). */
    public static RowMetadata ofNames(String... names) {
        return ofNames(Arrays.asList(names));
    }

    /** Metadata with no columns, for results whose column line was {@code []}. */
    public static RowMetadata empty() {
        return EMPTY;
    }

    /** The number of described columns (rows may hold more cells when this is zero). */
    public int size() {
        return columns.size();
    }

    /**
     * The column at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public Column column(int index) {
        return columns.get(index);
    }

    /** All columns in order; unmodifiable. */
    public List<Column> columns() {
        return columns;
    }

    /** All column names in order; unmodifiable. */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** The type of cell {@code index}: its column's type, or unknown for a cell beyond the described columns. */
    public DuckDbType typeAt(int index) {
        return index >= 0 && index < columns.size() ? columns.get(index).type() : DuckDbType.unknown();
    }

    /**
     * The position of the first column named exactly {@code name}, else of the first whose name equals it ignoring
     * case, else {@code -1}.
     */
    public int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        Integer index = exact.get(name);
        if (index == null) {
            index = folded.get(fold(name));
        }
        return index == null ? -1 : index;
    }

    /** Whether {@link #indexOf(String)} finds a column. */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * Like {@link #indexOf(String)} but failing with a message that lists the available names.
     *
     * @throws IllegalArgumentException if no column matches
     */
    public int requireIndex(String name) {
        int index = indexOf(name);
        if (index >= 0) {
            return index;
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("No column named '" + name + "': this result has no column names "
                    + "(the server sent an empty column list); read its cells by position");
        }
        List<String> names = names();
        String listed = names.size() <= MAX_NAMES_IN_MESSAGE ? names.toString()
                : names.subList(0, MAX_NAMES_IN_MESSAGE) + " and " + (names.size() - MAX_NAMES_IN_MESSAGE) + " more";
        throw new IllegalArgumentException("No column named '" + name + "'; available columns: " + listed);
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof RowMetadata && columns.equals(((RowMetadata) o).columns));
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    /** The columns, e.g. {@code RowMetadata[id BIGINT, name VARCHAR]}. */
    @Override
    public String toString() {
        return "RowMetadata" + columns;
    }
}
