package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.UncheckedIOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryLogEntryTest {

    /** The mock's shape (protocol §7): every key present, explicit nulls, no stats or progress. */
    private static final String MOCK_ENTRY = "{\"uuid\":\"0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c\","
            + "\"start_time\":\"2026-08-19T13:30:00.123456789Z\",\"end_time\":\"2026-08-19T13:30:00.125Z\","
            + "\"duration_ms\":0,\"query\":\"SELECT 1\",\"client_interface\":\"HttpQuery\",\"visible\":true,"
            + "\"session_id\":\"s-1\",\"error\":null,\"requested_by\":null,\"user_agent\":null}";

    /** The production shape: the same keys plus stats and progress. */
    private static final String PRODUCTION_ENTRY = MOCK_ENTRY.substring(0, MOCK_ENTRY.length() - 1)
            + ",\"stats\":{\"caching\":{\"data_hits\":1,\"data_misses\":2,\"data_bytes_hits\":3,\"data_bytes_misses\":4,"
            + "\"filehandle_hits\":5,\"filehandle_misses\":6,\"metadata_hits\":7,\"metadata_misses\":8},"
            + "\"memory\":{\"total_usage_bytes\":9},\"scan\":{\"estimated_result_rows\":10,\"estimated_scanned_rows\":11}},"
            + "\"progress\":{\"percentage\":42.5,\"rows_processed\":425,\"total_rows\":1000}}";

    @Test
    void builderWritesTheMockShapeByteForByte() {
        QueryLogEntry e = QueryLogEntry.builder()
                .uuid("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c")
                .startTime(Instant.parse("2026-08-19T13:30:00.123456789Z"))
                .endTime(Instant.parse("2026-08-19T13:30:00.125Z"))
                .durationMs(0L)
                .query("SELECT 1")
                .clientInterface(ClientInterface.HTTP_QUERY)
                .visible(true)
                .sessionId("s-1")
                .build();
        Wire.assertWrites(e, MOCK_ENTRY);
    }

    @Test
    void decodesTheMockShape() {
        QueryLogEntry e = Wire.assertRoundTrip(MOCK_ENTRY, QueryLogEntry.class);
        assertThat(e.startTime()).isEqualTo(Instant.parse("2026-08-19T13:30:00.123456789Z"));
        assertThat(e.endTime().getNano()).isEqualTo(125_000_000);
        assertThat(e.clientInterface()).isEqualTo(ClientInterface.HTTP_QUERY);
        assertThat(e.visible()).isTrue();
        assertThat(e.failed()).isFalse();
        assertThat(e.stats()).isNull();
        assertThat(e.progress()).isNull();
    }

    @Test
    void roundTripsTheProductionShapeWithStatsAndProgress() {
        QueryLogEntry e = Wire.assertRoundTrip(PRODUCTION_ENTRY, QueryLogEntry.class);
        assertThat(e.stats().caching().metadataMisses()).isEqualTo(8L);
        assertThat(e.stats().memory().totalUsageBytes()).isEqualTo(9L);
        assertThat(e.stats().scan().estimatedScannedRows()).isEqualTo(11L);
        assertThat(e.progress()).isEqualTo(new QueryProgress(42.5, 425L, 1000L));
    }

    @Test
    void failedQueryCarriesItsError() {
        String json = MOCK_ENTRY.replace("\"error\":null", "\"error\":\"Failed to prepare statement: boom\"");
        QueryLogEntry e = Wire.assertRoundTrip(json, QueryLogEntry.class);
        assertThat(e.failed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "2026-08-19T13:30:00Z,              2026-08-19T13:30:00Z",
            "2026-08-19T13:30:00.100Z,          2026-08-19T13:30:00.100Z",
            "2026-08-19T13:30:00.000001Z,       2026-08-19T13:30:00.000001Z",
            "2026-08-19T13:30:00.000000001Z,    2026-08-19T13:30:00.000000001Z",
            "2026-08-19T13:30:00.1Z,            2026-08-19T13:30:00.100Z",
            "2026-08-19T13:30:00.1234567Z,      2026-08-19T13:30:00.123456700Z",
            "2026-08-19T15:30:00.5+02:00,       2026-08-19T13:30:00.500Z",
            "2026-08-19t13:30:00z,              2026-08-19T13:30:00Z",
            "2026-08-19 13:30:00Z,              2026-08-19T13:30:00Z",
            "2026-08-19T13:30:00.25,            2026-08-19T13:30:00.250Z"})
    void timestampsReadLeniently_andAreWrittenWith0369FractionDigitsAndZ(String in, String out) {
        QueryLogEntry e = Wire.read("{\"start_time\":\"" + in + "\"}", QueryLogEntry.class);
        assertThat(Wire.write(e)).startsWith("{\"uuid\":null,\"start_time\":\"" + out + "\",");
    }

    @Test
    void badTimestampFailsWithAClearMessage() {
        assertThatThrownBy(() -> Wire.read("{\"start_time\":\"yesterday\"}", QueryLogEntry.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("not an RFC 3339 timestamp");
        assertThatThrownBy(() -> Wire.read("{\"start_time\":1755610200}", QueryLogEntry.class))
                .hasCauseInstanceOf(MismatchedInputException.class);
    }

    @Test
    void unknownClientInterfaceAndUnknownKeysDecode() {
        QueryLogEntry e = Wire.read(MOCK_ENTRY.replace("HttpQuery", "HttpIngest")
                .replace("\"uuid\"", "\"tenant\":\"t\",\"uuid\""), QueryLogEntry.class);
        assertThat(e.clientInterface()).isEqualTo(ClientInterface.UNKNOWN);
        assertThat(e.uuid()).isEqualTo("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c");
    }

    @Test
    void missingKeysDecodeAsNull_andAreWrittenBackAsExplicitNulls() {
        QueryLogEntry e = Wire.read("{\"uuid\":\"u\"}", QueryLogEntry.class);
        assertThat(e).isEqualTo(QueryLogEntry.builder().uuid("u").build());
        Wire.assertWrites(e, "{\"uuid\":\"u\",\"start_time\":null,\"end_time\":null,\"duration_ms\":null,\"query\":null,"
                + "\"client_interface\":null,\"visible\":null,\"session_id\":null,\"error\":null,"
                + "\"requested_by\":null,\"user_agent\":null}");
    }

    @Test
    void partialStatsDecode() {
        QueryLogEntry e = Wire.read("{\"stats\":{\"memory\":{}},\"progress\":{\"percentage\":1}}", QueryLogEntry.class);
        assertThat(e.stats()).isEqualTo(new QueryStats(null, new MemoryStats(null), null));
        assertThat(e.progress().percentage()).isEqualTo(1.0);
    }

    @Test
    void timestampsNeedNoJavaTimeModule() throws Exception {
        ObjectMapper plain = new ObjectMapper();
        QueryLogEntry e = plain.readValue(MOCK_ENTRY, QueryLogEntry.class);
        assertThat(plain.writeValueAsString(e)).isEqualTo(MOCK_ENTRY);
    }

    @Test
    void mutateCopiesEveryField() {
        QueryLogEntry e = Wire.read(PRODUCTION_ENTRY, QueryLogEntry.class);
        assertThat(e.mutate().build()).isEqualTo(e);
    }
}
