package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.row.DuckDbType;
import ai.altertable.reactive.core.row.DuckDbType.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TypeConflicts} flags only what DuckDB refuses: every conflict it reports is checked here against the insert an
 * append runs ({@link InsertGroup}'s SQL on a real table), so refusing such a batch before writing never refuses one
 * that would have been written; and the shapes a type takes are not flagged, and do go in.
 */
class TypeConflictsTest extends DuckDbTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTAINERS = List.of("{}", "{\"a\":1}", "[]", "[1]", "[\"2024-01-01\"]");
    private static final List<String> SCALARS = List.of("1", "1.5", "\"text\"", "true");

    /** The type name of a kind, as a column can be declared. */
    private static String typeName(Kind kind) {
        return kind == Kind.ENUM ? DuckDbType.enumOf(List.of("a", "b")).toString() : DuckDbType.of(kind).toString();
    }

    /** Whether DuckDB refuses to insert {@code value} into a new column of {@code type}, as an append would. */
    private boolean duckDbRefuses(String type, String value) throws Exception {
        sql("CREATE OR REPLACE TABLE c (v " + type + ")");
        TableName table = new TableName("memory", "main", "c");
        List<TableColumn> columns = TableColumns.describe(connection, table);
        ObjectNode row = JSON.createObjectNode().set("v", JSON.readTree(value));
        InsertGroup group = new InsertGroup(columns, List.of(row));
        try (PreparedStatement statement = connection.prepareStatement(group.sql(table))) {
            statement.setString(1, group.json());
            statement.executeUpdate();
            return false;
        } catch (SQLException refused) {
            return true;
        }
    }

    private String conflict(String type, String value) throws Exception {
        sql("CREATE OR REPLACE TABLE c (v " + type + ")");
        TableColumn column = TableColumns.describe(connection, new TableName("memory", "main", "c")).get(0);
        return TypeConflicts.find("\"v\"", DuckDbType.parse(column.type()), JSON.readTree(value));
    }

    @Test
    void everyScalarKindRefusesObjectsAndArrays() throws Exception {
        List<Kind> scalars = Arrays.stream(Kind.values()).filter(TypeConflicts::isScalar).collect(Collectors.toList());
        assertThat(scalars).hasSize(28);
        List<String> notRefused = new ArrayList<>();
        for (Kind kind : scalars) {
            for (String value : CONTAINERS) {
                assertThat(conflict(typeName(kind), value)).as(kind + " " + value).isNotNull();
                if (!duckDbRefuses(typeName(kind), value)) {
                    notRefused.add(kind + " " + value);
                }
            }
        }
        assertThat(notRefused).isEmpty();
    }

    @Test
    void nestedTypesRefuseTheOtherShapes() throws Exception {
        String[][] cases = {
                {"STRUCT(k INTEGER)", "5", "\"{}\"", "true", "[1]"},
                {"MAP(VARCHAR, INTEGER)", "5", "\"{}\"", "false", "[]"},
                {"INTEGER[]", "5", "\"[1]\"", "true", "{}"},
                {"INTEGER[2]", "5", "\"[1,2]\"", "true", "{\"a\":1}"},
                {"STRUCT(k INTEGER[])", "{\"k\":5}", "{\"k\":{}}"},
                {"STRUCT(k INTEGER)[]", "[5]", "[{\"k\":[1]}]"},
                {"MAP(VARCHAR, INTEGER[])", "{\"a\":1}", "{\"a\":{}}"},
        };
        for (String[] c : cases) {
            for (int i = 1; i < c.length; i++) {
                assertThat(conflict(c[0], c[i])).as(c[0] + " " + c[i]).isNotNull();
                assertThat(duckDbRefuses(c[0], c[i])).as(c[0] + " " + c[i]).isTrue();
            }
        }
    }

    @Test
    void theShapesATypeTakesAreNotConflictsAndGoIn() throws Exception {
        String[][] cases = {
                {"VARCHAR", "{\"a\":1}", "[1,2]", "5", "true"},
                {"JSON", "{\"a\":[1]}", "[]", "\"s\""},
                {"BLOB", "{\"a\":1}", "[1]", "\"bytes\""},
                {"INTEGER", "5", "\"42\"", "true", "null"},
                {"DATE", "\"2024-01-02\"", "null"},
                {"ENUM('a', 'b')", "\"a\""},
                {"STRUCT(k INTEGER, s VARCHAR)", "{\"k\":1,\"s\":{\"nested\":true}}", "null"},
                {"INTEGER[]", "[1,\"2\",null]", "null"},
                {"MAP(VARCHAR, VARCHAR[])", "{\"a\":[\"x\"],\"b\":null}"},
        };
        for (String[] c : cases) {
            for (int i = 1; i < c.length; i++) {
                assertThat(conflict(c[0], c[i])).as(c[0] + " " + c[i]).isNull();
                assertThat(duckDbRefuses(c[0], c[i])).as(c[0] + " " + c[i]).isFalse();
            }
        }
    }

    @Test
    void aScalarOfTheRightShapeThatDoesNotConvertIsNoConflictButDuckDbRefusesIt() throws Exception {
        String[][] cases = {{"INTEGER", "\"abc\""}, {"TINYINT", "300"}, {"DATE", "\"2024-13-45\""}, {"DATE", "5"},
                {"UUID", "\"nope\""}, {"STRUCT(k INTEGER)", "{\"k\":\"x\"}"}};
        for (String[] c : cases) {
            assertThat(conflict(c[0], c[1])).as(c[0] + " " + c[1]).isNull();
            assertThat(duckDbRefuses(c[0], c[1])).as(c[0] + " " + c[1]).isTrue();
        }
        for (String value : SCALARS) {
            assertThat(conflict("VARCHAR", value)).isNull();
        }
    }

    @Test
    void theConflictNamesItsPlaceTheTypeAndTheShape() throws Exception {
        JsonNode value = JSON.readTree("{\"k\":[{\"x\":1},{\"x\":{\"deep\":true}}]}");
        DuckDbType type = DuckDbType.parse("STRUCT(k STRUCT(x INTEGER)[])");

        assertThat(TypeConflicts.find("\"col\"", type, value))
                .isEqualTo("\"col\".\"k\"[1].\"x\" is INTEGER, got a JSON object");
        assertThat(TypeConflicts.find("\"m\"", DuckDbType.parse("MAP(VARCHAR, DATE)"), JSON.readTree("{\"a b\":[]}")))
                .isEqualTo("\"m\"[\"a b\"] is DATE, got a JSON array");
    }
}
