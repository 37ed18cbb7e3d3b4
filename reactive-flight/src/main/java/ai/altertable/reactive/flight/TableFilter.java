package ai.altertable.reactive.flight;

import java.util.List;
import java.util.Objects;

/**
 * Which tables {@link FlightSession#tables(TableFilter)} lists: catalog (exact), schema and table name patterns (SQL
 * {@code LIKE}: {@code %} and {@code _}), table types (exact, as the server names them: {@code BASE TABLE},
 * {@code VIEW}, {@code LOCAL TEMPORARY}; {@code TABLE} matches nothing on Altertable), and whether to include each
 * table's Arrow schema. Immutable and resource-free; start from {@link #all()}.
 */
public final class TableFilter {

    private static final TableFilter ALL = new TableFilter(null, null, null, List.of(), false);

    private final String catalog;
    private final String schemaPattern;
    private final String tablePattern;
    private final List<String> types;
    private final boolean includeSchema;

    private TableFilter(String catalog, String schemaPattern, String tablePattern, List<String> types,
                        boolean includeSchema) {
        this.catalog = catalog;
        this.schemaPattern = schemaPattern;
        this.tablePattern = tablePattern;
        this.types = types;
        this.includeSchema = includeSchema;
    }

    /** Every table of every catalog, without schemas. */
    public static TableFilter all() {
        return ALL;
    }

    public TableFilter catalog(String catalog) {
        return new TableFilter(catalog, schemaPattern, tablePattern, types, includeSchema);
    }

    public TableFilter schemaPattern(String pattern) {
        return new TableFilter(catalog, pattern, tablePattern, types, includeSchema);
    }

    public TableFilter tablePattern(String pattern) {
        return new TableFilter(catalog, schemaPattern, pattern, types, includeSchema);
    }

    public TableFilter types(String... types) {
        return new TableFilter(catalog, schemaPattern, tablePattern, List.of(types), includeSchema);
    }

    public TableFilter includeSchema(boolean include) {
        return new TableFilter(catalog, schemaPattern, tablePattern, types, include);
    }

    public String catalog() {
        return catalog;
    }

    public String schemaPattern() {
        return schemaPattern;
    }

    public String tablePattern() {
        return tablePattern;
    }

    public List<String> types() {
        return types;
    }

    public boolean includeSchema() {
        return includeSchema;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableFilter)) {
            return false;
        }
        TableFilter t = (TableFilter) o;
        return Objects.equals(catalog, t.catalog) && Objects.equals(schemaPattern, t.schemaPattern)
                && Objects.equals(tablePattern, t.tablePattern) && types.equals(t.types) && includeSchema == t.includeSchema;
    }

    @Override
    public int hashCode() {
        return Objects.hash(catalog, schemaPattern, tablePattern, types, includeSchema);
    }

    @Override
    public String toString() {
        return "TableFilter[catalog=" + catalog + ", schemaPattern=" + schemaPattern + ", tablePattern=" + tablePattern
                + ", types=" + types + ", includeSchema=" + includeSchema + "]";
    }
}
