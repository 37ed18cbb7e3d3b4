package ai.altertable.reactive.mock.internal.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /append}'s database side: body shapes, all-or-nothing, error codes and messages. */
class JsonAppendTest extends DuckDbTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AppendOutcome append(String table, String body) throws Exception {
        return JsonAppend.append(connection, "memory", "main", table, JSON.readTree(body));
    }

    @Test
    void oneObjectIsOneRow() throws Exception {
        sql("CREATE TABLE t(id INT, name VARCHAR)");

        AppendOutcome outcome = append("t", "{\"id\":1,\"name\":\"ann\"}");

        assertThat(outcome).isEqualTo(new AppendOutcome(true, null, null, null, 200));
        assertThat(rows("SELECT * FROM t")).containsExactly("1|ann");
    }

    @Test
    void anArrayOfObjectsKeepsItsOrder() throws Exception {
        sql("CREATE TABLE t(id INT, name VARCHAR)");

        assertThat(append("t", "[{\"id\":3,\"name\":\"c\"},{\"name\":\"a\",\"id\":1},{\"id\":2}]").ok()).isTrue();

        assertThat(rows("SELECT * FROM t")).containsExactly("3|c", "1|a", "2|null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"text\"", "true", "null", "[1]", "[{\"id\":1}, 2]", "[[{\"id\":1}]]",
            "[{\"id\":1}, null]"})
    void aBodyThatIsNotAnObjectOrAnArrayOfObjectsIs400(String body) throws Exception {
        sql("CREATE TABLE t(id INT)");

        AppendOutcome outcome = append("t", body);

        assertThat(outcome).isEqualTo(AppendOutcome.invalidBody());
        assertThat(outcome.httpStatus()).isEqualTo(400);
        assertThat(outcome.errorCode()).isEqualTo("invalid-data");
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void aMissingNodeOrJavaNullIsAnInvalidBody() {
        assertThat(JsonAppend.append(connection, "memory", "main", "t", MissingNode.getInstance()).httpStatus())
                .isEqualTo(400);
        assertThat(JsonAppend.append(connection, "memory", "main", "t", null).httpStatus()).isEqualTo(400);
        assertThat(JsonAppend.append(connection, "memory", "main", "t", NullNode.getInstance()).httpStatus())
                .isEqualTo(400);
    }

    @Test
    void anEmptyArrayIsOkWithoutTouchingTheDatabase() throws Exception {
        AppendOutcome outcome = JsonAppend.append(connection, "memory", "never", "missing", JSON.readTree("[]"));

        assertThat(outcome).isEqualTo(AppendOutcome.success());
        assertThat(rows("SELECT 1 FROM duckdb_schemas() WHERE schema_name = 'never'")).isEmpty();
    }

    @Test
    void aMissingTableIsInvalidDataAndIsNotCreatedButItsSchemaIs() throws Exception {
        AppendOutcome outcome = JsonAppend.append(connection, "memory", "fresh", "t", JSON.readTree("{\"id\":1}"));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.errorCode()).isEqualTo("invalid-data");
        assertThat(outcome.errorMessage()).startsWith("Catalog Error: Table with name t does not exist!");
        assertThat(tableExists("fresh", "t")).isFalse();
        assertThat(rows("SELECT 1 FROM duckdb_schemas() WHERE schema_name = 'fresh'")).hasSize(1);
    }

    @Test
    void aMissingCatalogIsInvalidData() throws Exception {
        AppendOutcome outcome = JsonAppend.append(connection, "nocat", "main", "t", JSON.readTree("{\"id\":1}"));

        assertThat(outcome).isEqualTo(
                AppendOutcome.invalidData("Catalog Error: \"nocat\" is not a catalog or schema"));
    }

    @Test
    void unknownKeysAreAnIncompatibleSchemaNamingThemAndNothingIsWritten() throws Exception {
        sql("CREATE TABLE t(id INT, name VARCHAR)");

        AppendOutcome outcome = append("t", "[{\"id\":1},{\"id\":2,\"zz\":1,\"name\":\"x\"},{\"qq\":[1],\"zz\":2}]");

        assertThat(outcome).isEqualTo(AppendOutcome.incompatibleSchema(
                "table \"memory\".\"main\".\"t\" has no column named \"zz\", \"qq\""));
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void aValueThatDoesNotCastIsInvalidDataAndTheWholeArrayIsRolledBack() throws Exception {
        sql("CREATE TABLE t(id INT, d DATE)");

        AppendOutcome outcome = append("t", "[{\"id\":1,\"d\":\"2024-01-01\"},{\"id\":2,\"d\":\"2024-13-45\"}]");

        assertThat(outcome.errorCode()).isEqualTo("invalid-data");
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.errorMessage()).startsWith("Invalid Input Error: ").contains("2024-13-45");
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void aConstraintViolationRollsBackEveryObject() throws Exception {
        sql("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR NOT NULL)", "INSERT INTO t VALUES (1, 'stored')");

        AppendOutcome outcome = append("t", "[{\"id\":2,\"v\":\"a\"},{\"id\":1,\"v\":\"dup\"}]");

        assertThat(outcome.errorCode()).isEqualTo("invalid-data");
        assertThat(outcome.errorMessage()).startsWith("Constraint Error: ");
        assertThat(rows("SELECT * FROM t")).containsExactly("1|stored");
    }

    @Test
    void aNotNullColumnLeftOutIsInvalidData() throws Exception {
        sql("CREATE TABLE t(id INT, v VARCHAR NOT NULL)");

        AppendOutcome outcome = append("t", "[{\"id\":1,\"v\":\"a\"},{\"id\":2}]");

        assertThat(outcome.errorMessage()).startsWith("Constraint Error: NOT NULL constraint failed");
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void anEmptyObjectIsInvalidData() throws Exception {
        sql("CREATE TABLE t(id INT)");

        AppendOutcome outcome = append("t", "[{\"id\":1},{}]");

        assertThat(outcome).isEqualTo(AppendOutcome.invalidData("object at index 1 has no keys"));
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void keysMatchColumnsCaseInsensitivelyButNotTwice() throws Exception {
        sql("CREATE TABLE t(Id INT, name VARCHAR)");

        assertThat(append("t", "{\"ID\":1,\"NAME\":\"a\"}").ok()).isTrue();
        AppendOutcome twice = append("t", "[{\"id\":2},{\"id\":3,\"ID\":4}]");

        assertThat(twice).isEqualTo(AppendOutcome.invalidData("object at index 1 names column \"Id\" more than once"));
        assertThat(rows("SELECT * FROM t")).containsExactly("1|a");
    }

    @Test
    void leftOutColumnsTakeTheirDefaultButAnExplicitNullIsNull() throws Exception {
        sql("CREATE SEQUENCE seq", "CREATE TABLE t(id INT DEFAULT nextval('seq'), v VARCHAR, note VARCHAR DEFAULT 'd')");

        AppendOutcome outcome = append("t", "[{\"v\":\"a\"},{\"v\":\"b\",\"note\":null},{\"id\":100,\"v\":\"c\"},"
                + "{\"v\":\"e\",\"note\":\"given\"},{\"v\":\"f\"}]");

        // Objects are grouped by the defaulted columns they name ({}, {note}, {id}), so the sequence numbers a and f
        // before b and e.
        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY v")).containsExactly(
                "1|a|d", "3|b|null", "100|c|d", "4|e|given", "2|f|d");
    }

    @Test
    void nestedValuesLandInStructListMapAndJsonColumns() throws Exception {
        sql("CREATE TABLE t(s STRUCT(k INT, tags VARCHAR[]), l INT[], m MAP(VARCHAR, INT), j JSON, txt VARCHAR,"
                + " fixed DOUBLE[2])");

        AppendOutcome outcome = append("t", "{\"s\":{\"k\":1,\"tags\":[\"x\",\"y\"]},\"l\":[1,2,3],\"m\":{\"a\":1},"
                + "\"j\":{\"deep\":[{\"n\":null}]},\"txt\":{\"as\":\"text\"},\"fixed\":[0.5,1]}");

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT s.k, s.tags[2], l[3], len(l), m['a'], j->>'$.deep[0]', txt, fixed[2], typeof(j)"
                + " FROM t")).containsExactly("1|y|3|3|1|{\"n\":null}|{\"as\":\"text\"}|1.0|JSON");
    }

    @Test
    void scalarsAreConvertedToTheColumnTypes() throws Exception {
        sql("CREATE TABLE t(b BOOLEAN, i BIGINT, h HUGEINT, d DECIMAL(10,2), f DOUBLE, u UUID, dt DATE,"
                + " ts TIMESTAMP, tz TIMESTAMPTZ, v VARCHAR, n INT)");

        AppendOutcome outcome = append("t", "{\"b\":true,\"i\":9223372036854775807,\"h\":170141183460469231731687303715884105727,"
                + "\"d\":12.34,\"f\":1.5e3,\"u\":\"5b8e9f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\",\"dt\":\"2024-02-29\","
                + "\"ts\":\"2024-01-01 10:00:00\",\"tz\":\"2024-01-01T10:00:00Z\",\"v\":42,\"n\":null}");

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT b, i, h, d, f, u, dt, CAST(ts AS VARCHAR), epoch(tz), v, n FROM t")).containsExactly(
                "true|9223372036854775807|170141183460469231731687303715884105727|12.34|1500.0"
                        + "|5b8e9f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b|2024-02-29|2024-01-01 10:00:00|1.7041032E9|42|null");
    }

    @Test
    void objectsAlternatingInWhichDefaultedColumnsTheyNameGoInAsTwoOrderedGroups() throws Exception {
        sql("CREATE SEQUENCE seq", "CREATE TABLE t(id INT DEFAULT nextval('seq'), n INT, note VARCHAR DEFAULT 'd')");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(i % 2 == 0 ? "" : ",\"note\":\"x\"")
                    .append('}');
        }
        JsonNode array = JSON.readTree(body.append(']').toString());

        long start = System.nanoTime();
        AppendOutcome outcome = JsonAppend.append(connection, "memory", "main", "t", array);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("appended 10,000 objects of two alternating shapes in %d ms%n", millis);
        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT count(*), count(*) FILTER (WHERE id = CASE WHEN n % 2 = 0 THEN n // 2 + 1"
                + " ELSE 5000 + n // 2 + 1 END), count(*) FILTER (WHERE note = CASE WHEN n % 2 = 0 THEN 'd' ELSE 'x' END)"
                + " FROM t")).containsExactly("10000|10000|10000");
    }

    @Test
    void quotedNamesWork() throws Exception {
        sql("CREATE SCHEMA \"s\"\"x\"", "CREATE TABLE \"s\"\"x\".\"t'y\"(\"a\"\"b\" INT, \"c'd\" VARCHAR)");

        AppendOutcome outcome = JsonAppend.append(connection, "memory", "s\"x", "t'y",
                JSON.readTree("{\"a\\\"b\":1,\"c'd\":\"it's\"}"));

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM \"s\"\"x\".\"t'y\"")).containsExactly("1|it's");
    }

    @Test
    void tenThousandObjectsGoInQuickly() throws Exception {
        sql("CREATE TABLE t(id BIGINT, name VARCHAR, score DOUBLE, ok BOOLEAN, ts TIMESTAMPTZ, tags VARCHAR[],"
                + " meta STRUCT(k INT, s VARCHAR))");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(i)
                    .append(",\"name\":\"user-").append(i).append("-abcdefghijklmnopqrstuvwxyz\",\"score\":")
                    .append(i * 1.5).append(",\"ok\":").append(i % 2 == 0)
                    .append(",\"ts\":\"2024-01-01T00:00:00Z\",\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":").append(i)
                    .append(",\"s\":\"xyz-abc-def\"}}");
        }
        JsonNode array = JSON.readTree(body.append(']').toString());

        long start = System.nanoTime();
        AppendOutcome outcome = JsonAppend.append(connection, "memory", "main", "t", array);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("appended 10,000 objects (%,d bytes) in %d ms%n", body.length(), millis);
        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT count(*), sum(meta.k), count(*) FILTER (WHERE ok), max(tags[2]) FROM t"))
                .containsExactly("10000|49995000|5000|b");
    }
}
