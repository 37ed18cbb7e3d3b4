package ai.altertable.reactive.mock.internal.encode;

import java.util.Objects;

/**
 * One result column as the {@code /query} columns line describes it: the name alone in the official mock's shape
 * ({@code ["id","name"]}), or name and type in the production shape ({@code [{"name":"id","type":"INTEGER"}]}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column label as DuckDB reports it (duplicates are possible)
 * @param type DuckDB's spelling of the column type, as {@code ResultSetMetaData.getColumnTypeName} gives it, e.g.
 *             {@code INTEGER}, {@code DECIMAL(18,3)}, {@code STRUCT(a INTEGER, b VARCHAR)[]},
 *             {@code MAP(VARCHAR, INTEGER)}, {@code TIMESTAMP WITH TIME ZONE}, {@code ENUM} (a top-level enum)
 */
public record ColumnInfo(String name, String type) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
