package ai.altertable.reactive.mock.flight;

import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlInfo;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.DenseUnionVector;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The metadata commands (protocol §12). */
class FlightMetadataTest extends FlightTestBase {

    @Test
    void catalogsIncludeDuckDbsSystemEntries() {
        FlightTestClient client = client();
        FlightInfo info = client.sql.getCatalogs();
        assertThat(info.getSchema()).isEqualTo(Schemas.GET_CATALOGS_SCHEMA);
        assertThat(client.rows(info)).extracting(row -> row.get(0)).contains("memory", "system", "temp");
    }

    @Test
    void schemasFilterByExactCatalogAndLikePattern() {
        FlightTestClient client = client();
        client.update("CREATE SCHEMA IF NOT EXISTS sales");
        client.update("CREATE SCHEMA IF NOT EXISTS sandbox");
        FlightInfo all = client.sql.getSchemas(null, null);
        assertThat(all.getSchema()).isEqualTo(Schemas.GET_SCHEMAS_SCHEMA);
        assertThat(client.rows(all)).contains(List.of("memory", "main"), List.of("system", "information_schema"),
                List.of("temp", "main"), List.of("memory", "sales"));
        assertThat(client.rows(client.sql.getSchemas("memory", "sa%"))).containsExactlyInAnyOrder(
                List.of("memory", "sales"), List.of("memory", "sandbox"));
        assertThat(client.rows(client.sql.getSchemas("MEMORY", null))).isEmpty();
    }

    @Test
    void tablesAreSortedFilteredByDuckDbTypesAndCarryTheirSchema() throws Exception {
        FlightTestClient client = client();
        client.update("CREATE SCHEMA IF NOT EXISTS meta");
        client.update("CREATE TABLE meta.b_table (id INTEGER, seen TIMESTAMPTZ, name VARCHAR)");
        client.update("CREATE VIEW meta.a_view AS SELECT 1 AS one");
        client.update("CREATE TEMP TABLE scratch_meta (x INTEGER)");
        assertThat(client.rows(client.sql.getTables(null, "meta", null, null, false)))
                .containsExactly(List.of("memory", "meta", "a_view", "VIEW"), List.of("memory", "meta", "b_table",
                        "BASE TABLE"));
        assertThat(client.rows(client.sql.getTables(null, null, "scratch%", null, false)))
                .containsExactly(List.of("temp", "main", "scratch_meta", "LOCAL TEMPORARY"));
        assertThat(client.rows(client.sql.getTables(null, "meta", null, List.of("TABLE"), false))).isEmpty();
        assertThat(client.rows(client.sql.getTables("memory", "meta", "%table", List.of("BASE TABLE"), false)))
                .containsExactly(List.of("memory", "meta", "b_table", "BASE TABLE"));

        FlightInfo withSchema = client.sql.getTables(null, "meta", "b_table", null, true);
        assertThat(withSchema.getSchema().getFields()).extracting(Field::getName).containsExactly("catalog_name",
                "db_schema_name", "table_name", "table_type", "table_schema");
        try (FlightStream stream = client.sql.getStream(withSchema.getEndpoints().get(0).getTicket())) {
            assertThat(stream.next()).isTrue();
            VectorSchemaRoot root = stream.getRoot();
            byte[] ipc = ((VarBinaryVector) root.getVector("table_schema")).get(0);
            Schema table = MessageSerializer.deserializeSchema(new ReadChannel(
                    new ByteArrayReadableSeekableByteChannel(ipc)));
            assertThat(table.getFields()).extracting(Field::getName).containsExactly("id", "seen", "name");
            assertThat(table.getFields().get(0).getType()).isEqualTo(new ArrowType.Int(32, true));
            assertThat(table.getFields().get(1).getType()).isEqualTo(ArrowType.Null.INSTANCE); // §13.1 fallback
            assertThat(table.getFields().get(2).getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
        }
    }

    @Test
    void tableTypesAreTheDistinctTypesThatExist() {
        FlightTestClient client = client();
        client.update("CREATE TABLE IF NOT EXISTS typed_table (x INTEGER)");
        client.update("CREATE OR REPLACE VIEW typed_view AS SELECT 1 AS one");
        FlightInfo info = client.sql.getTableTypes();
        assertThat(info.getSchema()).isEqualTo(Schemas.GET_TABLE_TYPES_SCHEMA);
        assertThat(client.rows(info)).containsExactly(List.of("BASE TABLE"), List.of("VIEW"));
    }

    @Test
    void sqlInfoHasTheOfficialValuesAndTypes() throws Exception {
        FlightTestClient client = client();
        Map<Integer, Object> values = sqlInfo(client, client.sql.getSqlInfo(new SqlInfo[0]));
        assertThat(values.get(0)).isEqualTo("Altertable Flight SQL Server");
        assertThat(values.get(1)).isEqualTo("1.0.0");
        assertThat(values.get(2)).isEqualTo("56.0.0");
        assertThat(values.get(4)).isEqualTo(true);
        assertThat(values.get(8)).isEqualTo(1);
        assertThat(values.get(503)).isEqualTo(0);
        assertThat(values.get(504)).isEqualTo("\"");
        assertThat(values.get(508).toString()).isEqualTo("[\"SELECT\",\"FROM\",\"WHERE\"]");
        assertThat(values.get(544)).isEqualTo(0L);
        assertThat(values.get(562)).isEqualTo(8);
        assertThat(values.get(564)).isEqualTo(8);
        assertThat(values).doesNotContainKeys(10, 11);
        // bulk ingestion only when asked for, and wrongly false; unknown ids are left out
        Map<Integer, Object> asked = sqlInfo(client, client.sql.getSqlInfo(new int[] {10, 11, 0, 9999}));
        assertThat(asked).containsOnlyKeys(10, 11, 0);
        assertThat(asked.get(10)).isEqualTo(false);
    }

    private static Map<Integer, Object> sqlInfo(FlightTestClient client, FlightInfo info) throws Exception {
        Map<Integer, Object> values = new HashMap<>();
        try (FlightStream stream = client.sql.getStream(info.getEndpoints().get(0).getTicket())) {
            while (stream.next()) {
                VectorSchemaRoot root = stream.getRoot();
                UInt4Vector names = (UInt4Vector) root.getVector("info_name");
                DenseUnionVector value = (DenseUnionVector) root.getVector("value");
                for (int i = 0; i < root.getRowCount(); i++) {
                    Object v = value.getObject(i);
                    values.put(names.get(i), v instanceof org.apache.arrow.vector.util.Text ? v.toString() : v);
                }
            }
        }
        return values;
    }
}
