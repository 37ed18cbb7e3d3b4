package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.model.UploadMode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /upload}: every mode, the transaction, schema creation and the exact failure texts, against real DuckDB. */
class UploadTest extends DuckDbTestBase {

    private static final String CSV = "text/csv";

    private IngestOutcome upload(String table, UploadMode mode, Path body, String contentType) throws Exception {
        return Upload.upload(connection, "memory", "main", table, mode, body, contentType);
    }

    @Test
    void createMakesTheTableFromTheFile() throws Exception {
        IngestOutcome outcome = upload("t", UploadMode.CREATE, file("a.csv", "id,name\n1,ann\n2,bob\n"), CSV);

        assertThat(outcome).isEqualTo(IngestOutcome.success());
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(rows("SELECT id, name FROM memory.main.t ORDER BY id")).containsExactly("1|ann", "2|bob");
        assertThat(rows("SELECT data_type FROM duckdb_columns() WHERE table_name = 't' ORDER BY column_index"))
                .containsExactly("BIGINT", "VARCHAR");
    }

    @Test
    void createFailsWhenTheTableExists() throws Exception {
        sql("CREATE TABLE t(id INT)", "INSERT INTO t VALUES (9)");

        IngestOutcome outcome = upload("t", UploadMode.CREATE, file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(400);
        assertThat(outcome.errorText())
                .isEqualTo("Failed to execute ingest: Catalog Error: Table with name \"t\" already exists!");
        assertThat(rows("SELECT id FROM t")).containsExactly("9");
    }

    @Test
    void appendInsertsByNameAndLeavesMissingColumnsToTheirDefaults() throws Exception {
        sql("CREATE TABLE t(id INT, name VARCHAR, note VARCHAR DEFAULT 'n/a')", "INSERT INTO t VALUES (1, 'ann', 'x')");

        IngestOutcome outcome = upload("t", UploadMode.APPEND, file("a.csv", "name,id\nbob,2\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|ann|x", "2|bob|n/a");
    }

    @Test
    void appendIntoAMissingTableFails() throws Exception {
        IngestOutcome outcome = upload("nope", UploadMode.APPEND, file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.errorText())
                .startsWith("Failed to execute ingest: Catalog Error: Table with name nope does not exist!");
        assertThat(tableExists("main", "nope")).isFalse();
    }

    @Test
    void appendWithAColumnUnknownToTheTableFailsAndWritesNothing() throws Exception {
        sql("CREATE TABLE t(id INT)");

        IngestOutcome outcome = upload("t", UploadMode.APPEND, file("a.csv", "id,extra\n1,2\n"), CSV);

        assertThat(outcome.errorText()).startsWith(
                "Failed to execute ingest: Binder Error: Table \"t\" does not have a column with name \"extra\"");
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void createAppendCreatesTheTableWhenMissing() throws Exception {
        IngestOutcome outcome = upload("t", UploadMode.CREATE_APPEND, file("a.csv", "id,name\n1,ann\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t")).containsExactly("1|ann");
    }

    @Test
    void createAppendAppendsToAnExistingTable() throws Exception {
        sql("CREATE TABLE t(id INT, name VARCHAR)", "INSERT INTO t VALUES (1, 'ann')");

        IngestOutcome outcome = upload("t", UploadMode.CREATE_APPEND, file("a.csv", "id\n2\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|ann", "2|null");
    }

    @Test
    void overwriteReplacesTableAndSchema() throws Exception {
        sql("CREATE TABLE t(old INT)", "INSERT INTO t VALUES (1), (2)");

        IngestOutcome outcome = upload("t", UploadMode.OVERWRITE, file("a.csv", "x,y\na,b\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t")).containsExactly("a|b");
        assertThat(rows("SELECT column_name FROM duckdb_columns() WHERE table_name = 't' ORDER BY column_index"))
                .containsExactly("x", "y");
    }

    @Test
    void overwriteCreatesAMissingTable() throws Exception {
        assertThat(upload("t", UploadMode.OVERWRITE, file("a.csv", "x\n1\n"), CSV).ok()).isTrue();
        assertThat(rows("SELECT * FROM t")).containsExactly("1");
    }

    @Test
    void aFailedOverwriteRollsBackTheDrop() throws Exception {
        sql("CREATE TABLE t(old INT)", "INSERT INTO t VALUES (1)");

        IngestOutcome outcome = upload("t", UploadMode.OVERWRITE, file("bad.parquet", "PAR1 not really"), null);

        assertThat(outcome.errorText()).startsWith("Failed to execute ingest: ");
        assertThat(rows("SELECT old FROM t")).containsExactly("1");
    }

    @Test
    void aMissingSchemaIsCreatedAndStaysEvenWhenTheUploadFails() throws Exception {
        IngestOutcome outcome = Upload.upload(connection, "memory", "fresh", "t", UploadMode.APPEND,
                file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.errorText()).contains("does not exist");
        assertThat(rows("SELECT schema_name FROM duckdb_schemas() WHERE schema_name = 'fresh'"))
                .containsExactly("fresh");
    }

    @Test
    void aMissingCatalogFailsWithDuckDbsRawMessage() throws Exception {
        IngestOutcome outcome = Upload.upload(connection, "nocat", "main", "t", UploadMode.CREATE,
                file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.httpStatus()).isEqualTo(400);
        assertThat(outcome.errorText()).isEqualTo("Catalog Error: \"nocat\" is not a catalog or schema");
    }

    @Test
    void anAttachedCatalogCanBeUsed() throws Exception {
        sql("ATTACH ':memory:' AS other");

        IngestOutcome outcome = Upload.upload(connection, "other", "s", "t", UploadMode.CREATE,
                file("a.csv", "id\n1\n"), CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT id FROM other.s.t")).containsExactly("1");
    }

    @Test
    void anEmptyOrBlankBodyFails() throws Exception {
        sql("CREATE TABLE t(id INT)");

        assertThat(upload("t", UploadMode.APPEND, file("empty", ""), null).errorText())
                .isEqualTo("Failed to execute ingest: request body is empty");
        assertThat(upload("u", UploadMode.CREATE, file("blank", " \n\t\r\n"), CSV).errorText())
                .isEqualTo("Failed to execute ingest: request body is empty");
        assertThat(tableExists("main", "u")).isFalse();
    }

    @Test
    void anOpenTransactionOnTheConnectionMakesTheUploadFail() throws Exception {
        sql("CREATE TABLE t(id INT)", "BEGIN TRANSACTION", "INSERT INTO t VALUES (1)");

        IngestOutcome outcome = upload("t", UploadMode.APPEND, file("a.csv", "id\n2\n"), CSV);

        assertThat(outcome.errorText()).isEqualTo(
                "Failed to execute ingest: TransactionContext Error: cannot start a transaction within a transaction");
        // DuckDB aborts the open transaction when BEGIN fails inside it: its COMMIT rolls back.
        sql("COMMIT");
        assertThat(rows("SELECT count(*) FROM t")).containsExactly("0");
    }

    @Test
    void namesAndPathsWithQuotesAreEscaped() throws Exception {
        Path body = file("it's a \"file\".csv", "a\"b,c'd\n1,2\n");

        IngestOutcome outcome = Upload.upload(connection, "memory", "my \"schema\"", "we'ird \"t\"",
                UploadMode.CREATE, body, CSV);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT \"a\"\"b\", \"c'd\" FROM memory.\"my \"\"schema\"\"\".\"we'ird \"\"t\"\"\""))
                .containsExactly("1|2");
    }

    @Test
    void jsonAppendIntoAnExistingTableIsReadWithTheTablesTypes() throws Exception {
        sql("CREATE TABLE t(id INT, stamp VARCHAR, d INT DEFAULT 7)");
        Path body = file("a.json", "[{\"id\":1,\"stamp\":\"2024-01-01T10:00:00\",\"unknown\":true}]");

        IngestOutcome outcome = upload("t", UploadMode.APPEND, body, "application/json");

        // Pinned reader: the text stays as sent (inferred, it would be a TIMESTAMP printed back with a space),
        // an unknown key is dropped, and an absent key reads as NULL rather than taking the default.
        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT * FROM t")).containsExactly("1|2024-01-01T10:00:00|null");
    }

    @Test
    void jsonCreateInfersTheTypes() throws Exception {
        IngestOutcome outcome = upload("t", UploadMode.CREATE,
                file("a.json", "{\"id\":1,\"stamp\":\"2024-01-01T10:00:00\"}"), null);

        assertThat(outcome.ok()).isTrue();
        assertThat(rows("SELECT id, CAST(stamp AS VARCHAR), typeof(stamp) FROM t"))
                .containsExactly("1|2024-01-01 10:00:00|TIMESTAMP");
    }

    @Test
    void csvAppendKeepsTheTextOfTextColumns() throws Exception {
        sql("CREATE TABLE t(id INT, code VARCHAR)");

        assertThat(upload("t", UploadMode.APPEND, file("a.csv", "id,code\n1,1.50\n"), CSV).ok()).isTrue();
        // DuckDB reads CSV straight into the insert's target types, so 1.50 is not sniffed as a number first.
        assertThat(rows("SELECT * FROM t")).containsExactly("1|1.50");
    }
}
