package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryMetadataTest {

    /** Protocol §5.2, "Example, success (mock shape)", line 1. */
    private static final String MOCK_EXAMPLE = "{\"statement\":\"SELECT 7 AS n, 'x' AS s\",\"rows_limit\":null,"
            + "\"rows_offset\":null,\"init_time_ms\":3,\"connections_errors\":{},"
            + "\"session_id\":\"6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f\","
            + "\"query_id\":\"0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c\",\"worker_slug\":\"altertable-mock\"}";

    private static String withKeys(String json, String keys) {
        return json.substring(0, json.length() - 1) + keys + "}";
    }

    @Test
    void decodesTheDocumentedMockLine() {
        QueryMetadata m = Wire.read(MOCK_EXAMPLE, QueryMetadata.class);
        assertThat(m.statement()).isEqualTo("SELECT 7 AS n, 'x' AS s");
        assertThat(m.rowsLimit()).isNull();
        assertThat(m.rowsOffset()).isNull();
        assertThat(m.initTimeMs()).isEqualTo(3L);
        assertThat(m.connectionsErrors()).isEmpty();
        assertThat(m.sessionId()).isEqualTo("6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f");
        assertThat(m.queryId()).isEqualTo("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c");
        assertThat(m.workerSlug()).isEqualTo(QueryMetadata.MOCK_WORKER_SLUG);
        assertThat(m.extra()).isEmpty();
    }

    @Test
    void builderWritesTheMockLineByteForByte() {
        QueryMetadata m = QueryMetadata.builder()
                .statement("SELECT 7 AS n, 'x' AS s")
                .initTimeMs(3L)
                .sessionId("6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f")
                .queryId("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c")
                .workerSlug(QueryMetadata.MOCK_WORKER_SLUG)
                .build();
        Wire.assertWrites(m, MOCK_EXAMPLE);
    }

    @Test
    void roundTripsTheMockLine() {
        Wire.assertRoundTrip(MOCK_EXAMPLE, QueryMetadata.class);
    }

    @Test
    void roundTripsAProductionLineWithLimitsAndConnectionErrorsInOrder() {
        String json = "{\"statement\":\"select n from t\",\"rows_limit\":100,\"rows_offset\":20,\"init_time_ms\":41,"
                + "\"connections_errors\":{\"pg_b\":\"timeout\",\"pg_a\":\"refused\"},\"session_id\":\"s\","
                + "\"query_id\":\"q\",\"worker_slug\":\"api-worker-s-1\"}";
        QueryMetadata m = Wire.assertRoundTrip(json, QueryMetadata.class);
        assertThat(m.rowsLimit()).isEqualTo(100L);
        assertThat(m.connectionsErrors()).containsExactly(Map.entry("pg_b", "timeout"), Map.entry("pg_a", "refused"));
    }

    @Test
    void unknownKeysAreKeptInArrivalOrderAndWrittenAfterTheKnownOnes() {
        String json = "{\"statement\":\"x\",\"rows_limit\":null,\"rows_offset\":null,\"init_time_ms\":1,"
                + "\"connections_errors\":{},\"session_id\":\"s\",\"query_id\":\"q\",\"worker_slug\":\"w\","
                + "\"zeta\":{\"nested\":[1,2.50,18446744073709551615]},\"extra\":\"named like the component\","
                + "\"build\":true,\"alpha\":null}";
        QueryMetadata m = Wire.read(json, QueryMetadata.class);
        assertThat(m.extra()).containsOnlyKeys("zeta", "extra", "build", "alpha");
        assertThat(m.extra().keySet()).containsExactly("zeta", "extra", "build", "alpha");
        assertThat(m.extra().get("extra").asText()).isEqualTo("named like the component");
        // exact numbers, trailing zero kept: only the protocol mapper guarantees this
        assertThat(Wire.write(m)).isEqualTo(json);
    }

    @Test
    void unknownKeysInAnOtherwiseUnknownOrder() {
        QueryMetadata m = Wire.read("{\"server_version\":\"2.1\",\"query_id\":\"q\"}", QueryMetadata.class);
        assertThat(m.queryId()).isEqualTo("q");
        assertThat(m.extra()).containsOnlyKeys("server_version");
    }

    @Test
    void missingKeysDecodeAsNullAndEmpty() {
        QueryMetadata m = Wire.read("{\"query_id\":\"q\"}", QueryMetadata.class);
        assertThat(m.queryId()).isEqualTo("q");
        assertThat(m.statement()).isNull();
        assertThat(m.initTimeMs()).isNull();
        assertThat(m.workerSlug()).isNull();
        assertThat(m.connectionsErrors()).isEmpty();
        assertThat(Wire.read("{}", QueryMetadata.class)).isEqualTo(QueryMetadata.builder().build());
    }

    @Test
    void decodesWithAPlainObjectMapper() throws Exception {
        QueryMetadata m = new ObjectMapper().readValue(withKeys(MOCK_EXAMPLE, ",\"new\":1"), QueryMetadata.class);
        assertThat(m.workerSlug()).isEqualTo("altertable-mock");
        assertThat(m.extra()).containsOnlyKeys("new");
    }

    @Test
    void extraCannotShadowAKnownKey() {
        assertThatThrownBy(() -> QueryMetadata.builder()
                .putExtra("query_id", JsonNodeFactory.instance.textNode("q")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'query_id' is a known metadata key");
    }

    @Test
    void mapsAreCopiedAndUnmodifiable() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("a", "b");
        QueryMetadata m = QueryMetadata.builder().connectionsErrors(errors).build();
        errors.put("c", "d");
        assertThat(m.connectionsErrors()).containsOnlyKeys("a");
        assertThatThrownBy(() -> m.connectionsErrors().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.extra().put("x", null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mutateKeepsEverythingIncludingExtras() {
        QueryMetadata m = Wire.read(withKeys(MOCK_EXAMPLE, ",\"new\":[1]"), QueryMetadata.class);
        assertThat(m.mutate().build()).isEqualTo(m);
        assertThat(m.mutate().workerSlug("w2").build().extra()).isEqualTo(m.extra());
    }
}
