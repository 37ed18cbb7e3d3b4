package ai.altertable.reactive.core.row;

import java.util.Objects;

/**
 * One column of a result: its name and, when the server sent it, its DuckDB type name.
 *
 * <p>The official mock sends column names only, production sends {@code {name, type}}; a column without a type name
 * has {@link #typeName()} {@code null} and a {@link #type()} of kind {@link DuckDbType.Kind#UNKNOWN}, and its cells
 * decode to their natural JSON values. Names may be empty or repeated: rows stay positional. Immutable and
 * thread-safe.
 */
public final class Column {

    private final String name;
    private final String typeName;
    private final DuckDbType type;

    private Column(String name, String typeName, DuckDbType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.typeName = typeName;
        this.type = type;
    }

    /**
     * A column with a type name as the server sent it.
     *
     * @param name     the column name, never {@code null} (may be empty)
     * @param typeName the DuckDB type name, or {@code null} when unknown; parsed with {@link DuckDbType#parse(String)}
     */
    public static Column of(String name, String typeName) {
        return new Column(name, typeName, DuckDbType.parse(typeName));
    }

    /** A column with an already parsed type; its {@link #typeName()} is the type's {@link DuckDbType#typeName()}. */
    public static Column of(String name, DuckDbType type) {
        Objects.requireNonNull(type, "type");
        return new Column(name, type.typeName(), type);
    }

    /** A column whose type is not known (the mock's name-only column line). */
    public static Column named(String name) {
        return new Column(name, null, DuckDbType.unknown());
    }

    /** The column name; never {@code null}, possibly empty. */
    public String name() {
        return name;
    }

    /** The DuckDB type name as received, or {@code null} when the server sent none. */
    public String typeName() {
        return typeName;
    }

    /** The parsed type; never {@code null} (kind {@code UNKNOWN} when no type name was sent). */
    public DuckDbType type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Column)) {
            return false;
        }
        Column that = (Column) o;
        return name.equals(that.name) && type.equals(that.type);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    /** {@code name TYPE}, or just the name when the type is unknown. */
    @Override
    public String toString() {
        return typeName == null ? name : name + " " + type;
    }
}
