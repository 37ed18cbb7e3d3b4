package ai.altertable.reactive.mock.internal.ingest;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Format detection: the {@code Content-Type} first, then sniffing the bytes. */
class IngestFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
            "application/json -> JSON",
            "application/json; charset=utf-8 -> JSON",
            "  Application/JSON ;charset=UTF-8 -> JSON",
            "application/ld+json -> JSON",
            "application/vnd.api+json -> JSON",
            "text/csv -> CSV",
            "TEXT/CSV; header=present -> CSV",
            "application/csv -> CSV",
            "application/parquet -> PARQUET",
            "Application/Parquet -> PARQUET"})
    void contentTypesThatNameAFormat(String contentType, IngestFormat expected) {
        assertThat(IngestFormat.fromContentType(contentType)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "application/octet-stream", "application/x-ndjson", "application/vnd.apache.parquet",
            "text/json", "text/plain", "application/jsonl", "multipart/form-data; boundary=x"})
    void otherContentTypesLeaveItToSniffing(String contentType) {
        assertThat(IngestFormat.fromContentType(contentType)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
            "PAR1xyz -> PARQUET",
            "{\"a\":1} -> JSON",
            "[{\"a\":1}] -> JSON",
            "a,b -> CSV",
            "PAR -> CSV",
            "par1 -> CSV",
            "1,{x} -> CSV"})
    void sniffingWithoutAUsefulContentType(String body, IngestFormat expected) throws IOException {
        IngestBody inspected = IngestBody.inspect(write(body), "application/octet-stream");

        assertThat(inspected.format()).isEqualTo(expected);
        assertThat(inspected.blank()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {" \n\t\r\f{\"a\":1}", "\r\n[1]", "    [", "\f{"})
    void jsonIsSniffedAfterLeadingAsciiWhitespace(String body) throws IOException {
        assertThat(IngestBody.inspect(write(body), null).format()).isEqualTo(IngestFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u000B{\"a\":1}", "\u00A0{\"a\":1}", "\uFEFF{\"a\":1}", " PAR1"})
    void otherLeadingBytesMeanCsv(String body) throws IOException {
        assertThat(IngestBody.inspect(write(body), null).format()).isEqualTo(IngestFormat.CSV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n", " \t\r\n\f "})
    void emptyAndWhitespaceBodiesAreBlank(String body) throws IOException {
        IngestBody inspected = IngestBody.inspect(write(body), "application/json");

        assertThat(inspected.blank()).isTrue();
        assertThat(inspected.format()).isEqualTo(IngestFormat.JSON);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {"text/csv -> CSV", "application/parquet -> PARQUET"})
    void theContentTypeWinsOverTheBytes(String contentType, IngestFormat expected) throws IOException {
        assertThat(IngestBody.inspect(write("[{\"a\":1}]"), contentType).format()).isEqualTo(expected);
    }

    private Path write(String body) throws IOException {
        return Files.write(Files.createTempFile(dir, "body", ""), body.getBytes(StandardCharsets.UTF_8));
    }
}
