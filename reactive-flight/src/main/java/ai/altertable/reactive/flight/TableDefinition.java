package ai.altertable.reactive.flight;

import java.util.Objects;

/**
 * What a bulk ingest does about the target table: what happens when it does not exist ({@link IfNotExists}) and when it
 * does ({@link IfExists}). Both are always sent; the server rejects an ingest that leaves either unspecified.
 *
 * <table>
 *   <caption>The named modes</caption>
 *   <tr><th>mode</th><th>table missing</th><th>table present</th></tr>
 *   <tr><td>{@link #CREATE}</td><td>created</td><td>fails ({@code ALREADY_EXISTS})</td></tr>
 *   <tr><td>{@link #APPEND}</td><td>fails ({@code FAILED_PRECONDITION})</td><td>rows appended</td></tr>
 *   <tr><td>{@link #CREATE_APPEND} (default)</td><td>created</td><td>rows appended</td></tr>
 *   <tr><td>{@link #REPLACE}</td><td>created</td><td>dropped and created again</td></tr>
 * </table>
 *
 * A created table takes the Arrow schema of the first batch: field names and order, {@code NOT NULL} for non-nullable
 * fields. Appends match columns by position (upserts by name), so send fields in the table's column order. Immutable;
 * holds no resources.
 */
public final class TableDefinition {

    /** What to do when the table does not exist. */
    public enum IfNotExists {
        /** Create it from the stream's schema. */
        CREATE,
        /** Fail the ingest. */
        FAIL
    }

    /** What to do when the table exists. */
    public enum IfExists {
        /** Fail the ingest. */
        FAIL,
        /** Append the rows. */
        APPEND,
        /** Drop the table and create it again from the stream's schema. */
        REPLACE
    }

    /** Create the table; fail if it exists. */
    public static final TableDefinition CREATE = new TableDefinition(IfNotExists.CREATE, IfExists.FAIL);
    /** Append to an existing table; fail if it is missing. */
    public static final TableDefinition APPEND = new TableDefinition(IfNotExists.FAIL, IfExists.APPEND);
    /** Create the table if missing, append otherwise (the default). */
    public static final TableDefinition CREATE_APPEND = new TableDefinition(IfNotExists.CREATE, IfExists.APPEND);
    /** Replace the table (drop and create) if present, create it otherwise. */
    public static final TableDefinition REPLACE = new TableDefinition(IfNotExists.CREATE, IfExists.REPLACE);

    private final IfNotExists ifNotExists;
    private final IfExists ifExists;

    private TableDefinition(IfNotExists ifNotExists, IfExists ifExists) {
        this.ifNotExists = ifNotExists;
        this.ifExists = ifExists;
    }

    /** Any combination, for example {@code of(FAIL, REPLACE)}: replace the table only if it exists. */
    public static TableDefinition of(IfNotExists ifNotExists, IfExists ifExists) {
        return new TableDefinition(Objects.requireNonNull(ifNotExists, "ifNotExists"),
                Objects.requireNonNull(ifExists, "ifExists"));
    }

    public IfNotExists ifNotExists() {
        return ifNotExists;
    }

    public IfExists ifExists() {
        return ifExists;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableDefinition && ((TableDefinition) o).ifNotExists == ifNotExists
                && ((TableDefinition) o).ifExists == ifExists;
    }

    @Override
    public int hashCode() {
        return ifNotExists.hashCode() * 31 + ifExists.hashCode();
    }

    @Override
    public String toString() {
        return "TableDefinition[ifNotExists=" + ifNotExists + ", ifExists=" + ifExists + "]";
    }
}
