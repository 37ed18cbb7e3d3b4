package ai.altertable.reactive.mock.internal.ingest;

import ai.altertable.reactive.core.model.UploadMode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /upload} reads each format with the right DuckDB reader, end to end. */
class UploadFormatTest extends DuckDbTestBase {

    private IngestOutcome create(Path body, String contentType) throws Exception {
        return Upload.upload(connection, "memory", "main", "t", UploadMode.CREATE, body, contentType);
    }

    @Test
    void newlineDelimitedJsonSentAsNdjsonIsSniffed() throws Exception {
        Path body = file("a", "{\"id\":1,\"name\":\"ann\"}\n{\"id\":2,\"name\":\"bob\",\"extra\":true}\n");

        assertThat(create(body, "application/x-ndjson").ok()).isTrue();
        assertThat(rows("SELECT * FROM t ORDER BY id")).containsExactly("1|ann|null", "2|bob|true");
    }

    @Test
    void aJsonArrayWithoutContentTypeIsSniffed() throws Exception {
        assertThat(create(file("a", " [{\"id\":1},{\"id\":2}]"), null).ok()).isTrue();
        assertThat(rows("SELECT id FROM t ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void aSingleJsonObjectIsOneRow() throws Exception {
        assertThat(create(file("a", "{\"id\":1,\"tags\":[\"x\",\"y\"],\"s\":{\"k\":2}}"), "application/json").ok())
                .isTrue();
        assertThat(rows("SELECT id, tags[2], s.k FROM t")).containsExactly("1|y|2");
    }

    @Test
    void parquetIsSniffedFromItsMagicBytes() throws Exception {
        Path body = parquet("x.bin", "SELECT 1::INT AS id, 'ann' AS name UNION ALL SELECT 2, 'bob'");

        assertThat(create(body, "application/octet-stream").ok()).isTrue();
        assertThat(rows("SELECT id, name, typeof(id) FROM t ORDER BY id")).containsExactly("1|ann|INTEGER",
                "2|bob|INTEGER");
    }

    @Test
    void parquetByContentType() throws Exception {
        assertThat(create(parquet("x.parquet", "SELECT 42 AS answer"), "application/parquet").ok()).isTrue();
        assertThat(rows("SELECT answer FROM t")).containsExactly("42");
    }

    @Test
    void csvIsTheFallbackAndIsAutoDetected() throws Exception {
        assertThat(create(file("a", "id;name\n1;ann\n"), "text/plain").ok()).isTrue();
        assertThat(rows("SELECT id, name, typeof(id) FROM t")).containsExactly("1|ann|BIGINT");
    }

    @Test
    void theContentTypeWinsEvenWhenItIsWrong() throws Exception {
        IngestOutcome outcome = create(file("a", "id,name\n1,ann\n"), "application/json");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.errorText()).startsWith("Failed to execute ingest: Invalid Input Error: ");
        assertThat(tableExists("main", "t")).isFalse();
    }

    @Test
    void malformedParquetFails() throws Exception {
        IngestOutcome outcome = create(file("a", "PAR1 but not parquet"), null);

        assertThat(outcome.errorText()).startsWith("Failed to execute ingest: ").contains("parquet");
    }
}
