package ai.altertable.reactive.mock.internal.ingest;

import java.util.Objects;

/**
 * One column of an existing table, as DuckDB describes it.
 *
 * @param name       the column name as stored
 * @param type       DuckDB's type text, e.g. {@code BIGINT}, {@code STRUCT(k INTEGER, s VARCHAR)}, {@code VARCHAR[]};
 *                   the JSON readers accept it back as a type
 * @param hasDefault whether the column has a {@code DEFAULT} expression, so leaving it out of an insert differs from
 *                   inserting NULL
 */
record TableColumn(String name, String type, boolean hasDefault) {

    TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
