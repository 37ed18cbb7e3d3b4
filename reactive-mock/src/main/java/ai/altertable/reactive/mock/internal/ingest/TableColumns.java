package ai.altertable.reactive.mock.internal.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the columns of a table, in table order. Two flavours: {@link #find} never fails on a missing table (it answers
 * an empty list, so it can decide how to read a file before anything is written), {@link #describe} lets DuckDB
 * resolve the name and report a missing table in its own words.
 */
final class TableColumns {

    private static final String FIND_SQL = "SELECT column_name, data_type, column_default IS NOT NULL"
            + " FROM duckdb_columns()"
            + " WHERE lower(database_name) = lower(?) AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)"
            + " ORDER BY column_index";

    private TableColumns() {
    }

    /**
     * The columns of {@code table} (or of a view of that name), matching names case-insensitively as DuckDB does;
     * empty when there is no such table.
     */
    static List<TableColumn> find(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND_SQL)) {
            statement.setString(1, table.catalog());
            statement.setString(2, table.schema());
            statement.setString(3, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                List<TableColumn> columns = new ArrayList<>();
                while (rows.next()) {
                    columns.add(new TableColumn(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
                return columns;
            }
        }
    }

    /** The columns of {@code table} through {@code DESCRIBE}; a missing table fails with DuckDB's catalog error. */
    static List<TableColumn> describe(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + table.sql())) {
            List<TableColumn> columns = new ArrayList<>();
            while (rows.next()) {
                columns.add(new TableColumn(rows.getString("column_name"), rows.getString("column_type"),
                        rows.getString("default") != null));
            }
            return columns;
        }
    }

    /** The column names of the rows {@code query} returns, without running it (DuckDB {@code DESCRIBE <query>}). */
    static List<String> namesOf(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("DESCRIBE " + query)) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString("column_name"));
            }
            return names;
        }
    }
}
