package ai.altertable.reactive.mock.internal.flight;

import ai.altertable.reactive.mock.internal.ingest.SqlQuoting;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of {@code CommandGetTables} (protocol §12): user tables and views of every catalog from
 * {@code information_schema.tables}, temp tables included, sorted by catalog, schema, name and type; the catalog
 * matched exactly, schema and table names by SQL {@code LIKE}, types exactly against DuckDB's strings. With
 * {@code include_schema}, each row carries the table's §13.1 schema as an IPC message.
 */
final class Tables {

    private record Row(String catalog, String schema, String name, String type) {
    }

    private Tables() {
    }

    /** Reads the matching tables on the session connection and returns them as a one-batch reader. */
    static ArrowReader read(Connection connection, CommandGetTables request, BufferAllocator allocator)
            throws SQLException {
        List<Row> rows = find(connection, request);
        List<byte[]> schemas = new ArrayList<>();
        if (request.getIncludeSchema()) {
            for (Row row : rows) {
                String table = SqlQuoting.identifier(row.catalog()) + '.' + SqlQuoting.identifier(row.schema()) + '.'
                        + SqlQuoting.identifier(row.name());
                try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + table)) {
                    schemas.add(ArrowSchemas.ipc(ArrowSchemas.of(statement.getMetaData())));
                }
            }
        }
        return new RootReader(allocator, request.getIncludeSchema() ? Metadata.TABLES_WITH_SCHEMA : Metadata.TABLES,
                root -> fill(root, rows, request.getIncludeSchema() ? schemas : Collections.emptyList()));
    }

    private static List<Row> find(Connection connection, CommandGetTables request) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT table_catalog, table_schema, table_name, table_type"
                + " FROM information_schema.tables WHERE true");
        List<String> values = new ArrayList<>();
        if (request.hasCatalog()) {
            sql.append(" AND table_catalog = ?");
            values.add(request.getCatalog());
        }
        if (request.hasDbSchemaFilterPattern()) {
            sql.append(" AND table_schema LIKE ?");
            values.add(request.getDbSchemaFilterPattern());
        }
        if (request.hasTableNameFilterPattern()) {
            sql.append(" AND table_name LIKE ?");
            values.add(request.getTableNameFilterPattern());
        }
        if (request.getTableTypesCount() > 0) {
            sql.append(" AND table_type IN (").append(String.join(", ",
                    Collections.nCopies(request.getTableTypesCount(), "?"))).append(')');
            values.addAll(request.getTableTypesList());
        }
        sql.append(" ORDER BY table_catalog, table_schema, table_name, table_type");
        try (PreparedStatement statement = Statements.prepareBound(connection, sql.toString(), values)) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4)));
                }
            }
            return rows;
        }
    }

    private static void fill(VectorSchemaRoot root, List<Row> rows, List<byte[]> schemas) {
        root.allocateNew();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            set(root, 0, i, row.catalog());
            set(root, 1, i, row.schema());
            set(root, 2, i, row.name());
            set(root, 3, i, row.type());
            if (!schemas.isEmpty()) {
                ((VarBinaryVector) root.getVector(4)).setSafe(i, schemas.get(i));
            }
        }
        root.setRowCount(rows.size());
    }

    private static void set(VectorSchemaRoot root, int column, int row, String value) {
        ((VarCharVector) root.getVector(column)).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
    }
}
