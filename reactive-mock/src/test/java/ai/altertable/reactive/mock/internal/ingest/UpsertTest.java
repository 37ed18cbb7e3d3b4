package ai.altertable.reactive.mock.internal.ingest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /upsert}: table creation, merge by key, insert-if-absent, failures and the transaction. */
class UpsertTest extends DuckDbTestBase {

    private static final String CSV = "text/csv";

    private IngestOutcome upsert(String keys, String cursor, Path body, String contentType) throws Exception {
        return Upsert.upsert(connection, "memory", "main", "t", Upsert.parseColumnList(keys),
                Upsert.parseColumnList(cursor), body, contentType);
    }

    @Test
    void columnListsAreTrimmedAndEmptyItemsDropped() {
        assertThat(Upsert.parseColumnList(" id, ,region ")).containsExactly("id", "region");
        assertThat(Upsert.parseColumnList("id")).containsExactly("id");
        assertThat(Upsert.parseColumnList(",a,,b,")).containsExactly("a", "b");
        assertThat(Upsert.parseColumnList(" , ")).isEmpty();
        assertThat(Upsert.parseColumnList("")).isEmpty();
        assertThat(Upsert.parseColumnList(null)).isNull();
    }

    @Test
    void aPrimaryKeyNamingNothingIsRejectedBeforeAnyWork() throws Exception {
        Path body = file("a.csv", "id\n1\n");

        for (String keys : new String[] {"", " , ", null}) {
            IngestOutcome outcome = Upsert.upsert(connection, "memory", "fresh", "t", Upsert.parseColumnList(keys),
                    null, body, CSV);
            assertThat(outcome.errorText()).isEqualTo("primary_key must name at least one column");
            assertThat(outcome.httpStatus()).isEqualTo(400);
        }
        assertThat(rows("SELECT 1 FROM duckdb_schemas() WHERE schema_name = 'fresh'")).isEmpty();
    }

    @Test
    void aCursorFieldGivenButBlankIsRejected() throws Exception {
        IngestOutcome outcome = upsert("id", " , ", file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.errorText()).isEqualTo("cursor_field must name at least one column");
        assertThat(tableExists("main", "t")).isFalse();
    }

    @Test
    void aMissingTableIsCreatedFromTheFile() throws Exception {
        assertThat(upsert("id", null, file("a.csv", "id,v\n1,a\n2,b\n"), CSV).ok()).isTrue();

        assertThat(rows("SELECT id, v FROM t ORDER BY id")).containsExactly("1|a", "2|b");
    }

    @Test
    void matchedRowsAreUpdatedAndOthersInsertedByName() throws Exception {
        sql("CREATE TABLE t(id INT, a VARCHAR, b VARCHAR, c VARCHAR DEFAULT 'dflt')",
                "INSERT INTO t VALUES (1, 'a1', 'b1', 'c1'), (2, 'a2', 'b2', 'c2')");

        IngestOutcome outcome = upsert("id", null, file("a.csv", "b,id\nB2,2\nB3,3\n"), CSV);

        assertThat(outcome).isEqualTo(IngestOutcome.success());
        // CSV: only the file's columns are set on update; an inserted row gets NULL or the default for the rest.
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|a1|b1|c1", "2|a2|B2|c2", "3|null|B3|dflt");
    }

    @Test
    void keysMatchCaseInsensitivelyAndOnlyNonKeyColumnsAreSet() throws Exception {
        sql("CREATE TABLE t(ID INT, v VARCHAR)", "INSERT INTO t VALUES (1, 'old')");

        assertThat(upsert("id", null, file("a.csv", "Id,V\n1,new\n"), CSV).ok()).isTrue();

        assertThat(rows("SELECT * FROM t")).containsExactly("1|new");
    }

    @Test
    void withoutACursorTheLastDuplicateInTheFileWins() throws Exception {
        sql("CREATE TABLE t(id INT, v VARCHAR)", "INSERT INTO t VALUES (1, 'stored')");

        assertThat(upsert("id", null, file("a.csv", "id,v\n1,first\n2,x\n1,second\n2,y\n1,third\n"), CSV).ok())
                .isTrue();

        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|third", "2|y");
    }

    @Test
    void fileOrderDecidesDuplicatesInLargeFiles() throws Exception {
        Path body = dir.resolve("big.csv");
        sql("COPY (SELECT i % 1000 AS k, i AS v FROM range(300000) r(i)) TO "
                + SqlQuoting.literal(body.toString()) + " (HEADER)");

        assertThat(upsert("k", null, body, CSV).ok()).isTrue();

        assertThat(rows("SELECT count(*), count(*) FILTER (WHERE v = 299000 + k) FROM t")).containsExactly("1000|1000");
    }

    @Test
    void aMultiColumnKeyMatchesOnlyWhenEveryColumnIsEqual() throws Exception {
        sql("CREATE TABLE t(id INT, region VARCHAR, v INT)",
                "INSERT INTO t VALUES (1, 'eu', 10), (1, 'us', 20), (2, 'eu', 30)");

        IngestOutcome outcome = upsert("id, region", null, file("a.csv", "id,region,v\n1,us,21\n2,us,40\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY id, region"))
                .containsExactly("1|eu|10", "1|us|21", "2|eu|30", "2|us|40");
    }

    @Test
    void rowsWithANullKeyNeverMatchAndAreInserted() throws Exception {
        sql("CREATE TABLE t(id INT, region VARCHAR, v VARCHAR)",
                "INSERT INTO t VALUES (NULL, 'eu', 'stored'), (1, NULL, 'stored')");

        IngestOutcome outcome = upsert("id,region", null, file("a.csv", "id,region,v\n,eu,new\n1,,new\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY id NULLS FIRST, region NULLS FIRST, v"))
                .containsExactly("null|eu|new", "null|eu|stored", "1|null|new", "1|null|stored");
    }

    @Test
    void fileRowsWithTheSameNullKeyAreDeduplicatedLikeAnyOtherKey() throws Exception {
        // As in the official mock (DISTINCT ON): NULL keys group together in the file, the last one is inserted.
        assertThat(upsert("id", null, file("a.csv", "id,v\n,first\n,second\n1,x\n"), CSV).ok()).isTrue();

        assertThat(rows("SELECT * FROM t ORDER BY id NULLS FIRST")).containsExactly("null|second", "1|x");
    }

    @Test
    void aFileWithOnlyKeyColumnsInsertsWhatIsAbsentAndLeavesTheRestAlone() throws Exception {
        sql("CREATE TABLE t(id INT, v VARCHAR)", "INSERT INTO t VALUES (1, 'kept')");

        assertThat(upsert("id", null, file("a.csv", "id\n1\n2\n"), CSV).ok()).isTrue();

        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|kept", "2|null");
    }

    @Test
    void aColumnUnknownToTheTableFailsAndNothingChanges() throws Exception {
        sql("CREATE TABLE t(id INT, v VARCHAR)", "INSERT INTO t VALUES (1, 'old')");

        IngestOutcome outcome = upsert("id", null, file("a.csv", "id,v,extra\n1,new,x\n2,b,y\n"), CSV);

        assertThat(outcome.errorText()).startsWith("Failed to execute ingest: Binder Error: ").contains("extra");
        assertThat(rows("SELECT * FROM t")).containsExactly("1|old");
    }

    @Test
    void aKeyMissingFromTheFileFailsAndTheCreatedTableIsRolledBack() throws Exception {
        IngestOutcome outcome = upsert("missing", null, file("a.csv", "id,v\n1,a\n"), CSV);

        assertThat(outcome.errorText()).startsWith("Failed to execute ingest: Binder Error: ").contains("missing");
        assertThat(tableExists("main", "t")).isFalse();
    }

    @Test
    void aMissingCatalogFailsWithDuckDbsRawMessage() throws Exception {
        IngestOutcome outcome = Upsert.upsert(connection, "nocat", "main", "t", List.of("id"), null,
                file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.errorText()).isEqualTo("Catalog Error: \"nocat\" is not a catalog or schema");
    }

    @Test
    void anUnreadableFileFailsWhileDescribingItWithTheRawMessage() throws Exception {
        // The official mock describes the file before its transaction, outside the "Failed to execute ingest" wrapper.
        IngestOutcome outcome = upsert("id", null, file("a", "PAR1 not parquet"), null);

        assertThat(outcome.errorText()).startsWith("Invalid Input Error: ");
        assertThat(tableExists("main", "t")).isFalse();
    }

    @Test
    void anEmptyBodyFails() throws Exception {
        assertThat(upsert("id", null, file("a", ""), CSV).errorText())
                .isEqualTo("Failed to execute ingest: request body is empty");
    }

    @Test
    void aParquetFileIsMerged() throws Exception {
        sql("CREATE TABLE t(id INT, v VARCHAR)", "INSERT INTO t VALUES (1, 'old')");
        Path body = parquet("a.parquet", "SELECT * FROM (VALUES (1, 'new'), (5, 'five')) v(id, v)");

        assertThat(upsert("id", null, body, null).ok()).isTrue();

        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|new", "5|five");
    }

    @Test
    void jsonIntoAnExistingTableNullsOmittedColumnsAndDropsUnknownKeys() throws Exception {
        // The official mock's quirk, kept: the JSON reader is pinned to all table columns.
        sql("CREATE TABLE t(id INT, a VARCHAR, b VARCHAR)", "INSERT INTO t VALUES (1, 'a1', 'b1'), (2, 'a2', 'b2')");

        IngestOutcome outcome = upsert("id", null,
                file("a.json", "[{\"id\":1,\"a\":\"A1\",\"unknown\":1},{\"id\":3,\"b\":\"B3\"}]"), "application/json");

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|A1|null", "2|a2|b2", "3|null|B3");
    }

    @Test
    void csvIntoAnExistingTableKeepsOmittedColumns() throws Exception {
        sql("CREATE TABLE t(id INT, a VARCHAR, b VARCHAR)", "INSERT INTO t VALUES (1, 'a1', 'b1')");

        assertThat(upsert("id", null, file("a.csv", "id,a\n1,A1\n"), CSV).ok()).isTrue();

        assertThat(rows("SELECT * FROM t")).containsExactly("1|A1|b1");
    }

    @Test
    void jsonIntoANewTableInfersItsSchema() throws Exception {
        assertThat(upsert("id", null, file("a.json", "{\"id\":1,\"v\":\"x\"}\n{\"id\":1,\"v\":\"y\"}\n"), null).ok())
                .isTrue();

        assertThat(rows("SELECT * FROM t")).containsExactly("1|y");
    }

    @Test
    void quotedNamesWork() throws Exception {
        IngestOutcome outcome = Upsert.upsert(connection, "memory", "s\"x", "t'\"y", List.of("k\"ey"), List.of("c'ur"),
                file("a.csv", "\"k\"\"ey\",c'ur,v\n1,1,a\n1,2,b\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM memory.\"s\"\"x\".\"t'\"\"y\"")).containsExactly("1|2|b");
    }
}
