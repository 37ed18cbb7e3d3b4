package ai.altertable.reactive.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of {@code POST /upsert?catalog=&schema=&table=&primary_key=[&cursor_field=]} (protocol §11.2),
 * used by the {@code upsert} operation. The body (a file, as for upload) is not part of this model.
 *
 * <p>{@code primary_key} is a non-empty list of key columns and {@code cursor_field} an optional list of columns compared
 * left to right to pick the newest row; both are sent comma-separated. A column name must therefore not be blank nor
 * contain a comma (the server splits on commas and trims each item). An empty {@code cursor_field} means none and is not
 * sent (the mock rejects a blank one).
 *
 * <p>Spec vs mock (§14): the client spec describes a single {@code primary_key} column and no {@code cursor_field};
 * the official mock (and the Go SDK and dlt) use the lists. With one key column and no cursor the request is the same.
 * The mock merges in one transaction; for JSON bodies into an existing table it nulls stored columns the payload omits.
 *
 * @param table       the target table
 * @param primaryKey  the key columns; non-empty
 * @param cursorField the cursor columns; never {@code null}, may be empty
 */
public record UpsertOptions(TableRef table, List<String> primaryKey, List<String> cursorField) {

    /**
     * Checks and copies the lists.
     *
     * @throws NullPointerException     if {@code table} or {@code primaryKey} is {@code null}
     * @throws IllegalArgumentException if {@code primaryKey} is empty, or a column name is null, blank or holds a comma
     */
    public UpsertOptions {
        Require.present(table, "table");
        Require.present(primaryKey, "primary_key");
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("primary_key must name at least one column");
        }
        primaryKey = columns(primaryKey, "primary_key");
        cursorField = cursorField == null ? List.of() : columns(cursorField, "cursor_field");
    }

    private static List<String> columns(List<String> names, String field) {
        List<String> copy = new ArrayList<>(names.size());
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain a blank column name: " + names);
            }
            if (name.indexOf(',') >= 0) {
                throw new IllegalArgumentException(field + " column '" + name
                        + "' contains a comma, which the comma-separated parameter cannot carry");
            }
            copy.add(name);
        }
        return Collections.unmodifiableList(copy);
    }

    /** Options keyed on the given columns, without a cursor. */
    public static UpsertOptions of(TableRef table, String... primaryKey) {
        return new UpsertOptions(table, Arrays.asList(Require.present(primaryKey, "primary_key")), List.of());
    }

    /** A builder for {@code table}; at least one {@link Builder#primaryKey primary key} column is required. */
    public static Builder builder(TableRef table) {
        return new Builder(table);
    }

    /**
     * The query parameters in the protocol's order, {@code catalog}, {@code schema}, {@code table},
     * {@code primary_key}, then {@code cursor_field} when there is one, as raw (unencoded) values with lists joined by
     * {@code ,}. The map is unmodifiable and ordered.
     */
    public Map<String, String> queryParameters() {
        Map<String, String> params = table.queryParameters();
        params.put("primary_key", String.join(",", primaryKey));
        if (!cursorField.isEmpty()) {
            params.put("cursor_field", String.join(",", cursorField));
        }
        return Collections.unmodifiableMap(params);
    }

    /** Builder for {@link UpsertOptions}. */
    public static final class Builder {
        private final TableRef table;
        private List<String> primaryKey = List.of();
        private List<String> cursorField = List.of();

        private Builder(TableRef table) {
            this.table = table;
        }

        /** The key columns (replacing any set before). */
        public Builder primaryKey(String... columns) {
            this.primaryKey = Arrays.asList(Require.present(columns, "primary_key"));
            return this;
        }

        /** The key columns (replacing any set before). */
        public Builder primaryKey(List<String> columns) {
            this.primaryKey = Require.present(columns, "primary_key");
            return this;
        }

        /** The cursor columns, compared left to right (replacing any set before); none by default. */
        public Builder cursorField(String... columns) {
            this.cursorField = Arrays.asList(Require.present(columns, "cursor_field"));
            return this;
        }

        /** The cursor columns, compared left to right (replacing any set before); {@code null} means none. */
        public Builder cursorField(List<String> columns) {
            this.cursorField = columns;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws NullPointerException     if the table is {@code null}
         * @throws IllegalArgumentException if no primary key column was given, or a column name is invalid
         */
        public UpsertOptions build() {
            return new UpsertOptions(table, primaryKey, cursorField);
        }
    }
}
