package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryRequestTest {

    private static final String FULL = "{\"statement\":\"SELECT 7 AS n\",\"session_id\":\"6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f\","
            + "\"query_id\":\"0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c\",\"catalog\":\"memory\",\"schema\":\"main\","
            + "\"limit\":10,\"offset\":0,\"format\":\"csv\",\"visible\":false,\"requested_by\":\"etl\","
            + "\"compute_size\":\"XS\",\"sanitize\":true,\"ephemeral\":false,\"timezone\":\"Europe/Paris\",\"cache\":true}";

    private static QueryRequest full() {
        return QueryRequest.builder()
                .statement("SELECT 7 AS n")
                .sessionId("6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f")
                .queryId(UUID.fromString("0B9F6C1E-2D4A-4E8B-A1C3-7E5D9F0A2B4C"))
                .catalog("memory")
                .schema("main")
                .limit(10L)
                .offset(0L)
                .format(QueryFormat.CSV)
                .visible(false)
                .requestedBy("etl")
                .computeSize(ComputeSize.XS)
                .sanitize(true)
                .ephemeral(false)
                .timezone("Europe/Paris")
                .cache(true)
                .build();
    }

    @Test
    void minimalRequestWritesOnlyTheStatement() {
        Wire.assertWrites(QueryRequest.of("SELECT 1"), "{\"statement\":\"SELECT 1\"}");
    }

    @Test
    void fullRequestWritesEveryFieldInProtocolOrder() {
        Wire.assertWrites(full(), FULL);
    }

    @Test
    void decodesAFullRequestInAnyKeyOrder() {
        String shuffled = "{\"cache\":true,\"timezone\":\"Europe/Paris\",\"limit\":10,\"statement\":\"SELECT 7 AS n\","
                + "\"offset\":0,\"format\":\"csv\",\"visible\":false,\"requested_by\":\"etl\",\"compute_size\":\"XS\","
                + "\"sanitize\":true,\"ephemeral\":false,\"catalog\":\"memory\",\"schema\":\"main\","
                + "\"session_id\":\"6f0c1e8a-3b7d-4a52-9d0e-1a2b3c4d5e6f\","
                + "\"query_id\":\"0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c\"}";
        QueryRequest r = Wire.read(shuffled, QueryRequest.class);
        // cache is written but never read back, as the official mock does not declare it
        assertThat(r).isEqualTo(full().mutate().cache(null).build());
        assertThat(Wire.write(r)).isEqualTo(FULL.replace(",\"cache\":true", ""));
    }

    @Test
    void cacheIsIgnoredOnReadWhateverItsType() {
        QueryRequest r = Wire.read("{\"statement\":\"x\",\"cache\":{\"ttl\":\"weird\"}}", QueryRequest.class);
        assertThat(r.cache()).isNull();
    }

    @Test
    void jsonNullCountsAsAbsent() {
        QueryRequest r = Wire.read("{\"statement\":\"x\",\"limit\":null,\"catalog\":null,\"format\":null,"
                + "\"compute_size\":null,\"visible\":null}", QueryRequest.class);
        assertThat(r).isEqualTo(QueryRequest.of("x"));
    }

    @Test
    void unknownFieldsAndUnknownEnumStringsDecode() {
        QueryRequest r = Wire.read("{\"statement\":\"x\",\"dialect\":\"duckdb\",\"compute_size\":\"5XL\","
                + "\"format\":\"json\",\"future\":{\"a\":[1]}}", QueryRequest.class);
        assertThat(r.computeSize()).isEqualTo(ComputeSize.UNKNOWN);
        assertThat(r.format()).isEqualTo(QueryFormat.UNKNOWN);
    }

    @Test
    void emptyFormatStringDecodesAsDefault() {
        assertThat(Wire.read("{\"statement\":\"x\",\"format\":\"\"}", QueryRequest.class).format())
                .isEqualTo(QueryFormat.DEFAULT);
    }

    @Test
    void emptyStatementIsAllowedBecauseTheServerReportsIt() {
        Wire.assertWrites(QueryRequest.of(""), "{\"statement\":\"\"}");
    }

    @Test
    void statementIsRequired() {
        assertThatThrownBy(() -> QueryRequest.builder().limit(1L).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("statement is required");
    }

    @Test
    void negativeLimitIsRejected() {
        assertThatThrownBy(() -> QueryRequest.builder().statement("x").limit(-1L).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be >= 0, got -1");
    }

    @Test
    void negativeOffsetIsRejected() {
        assertThatThrownBy(() -> QueryRequest.builder().statement("x").offset(-5L).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset must be >= 0, got -5");
    }

    @Test
    void zeroLimitAndOffsetAreValid() {
        Wire.assertWrites(QueryRequest.builder().statement("x").limit(0L).offset(0L).build(),
                "{\"statement\":\"x\",\"limit\":0,\"offset\":0}");
    }

    @Test
    void builderRefusesToSendUnknownEnumConstants() {
        assertThatThrownBy(() -> QueryRequest.builder().statement("x").computeSize(ComputeSize.UNKNOWN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("compute_size must not be UNKNOWN");
        assertThatThrownBy(() -> QueryRequest.builder().statement("x").format(QueryFormat.UNKNOWN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("format must not be UNKNOWN");
    }

    @Test
    void decodingRejectsWhatTheMockRejectsWith422() {
        assertThatThrownBy(() -> Wire.read("{\"limit\":1}", QueryRequest.class))
                .hasRootCauseInstanceOf(NullPointerException.class)
                .hasRootCauseMessage("statement is required");
        assertThatThrownBy(() -> Wire.read("{\"statement\":\"x\",\"limit\":-1}", QueryRequest.class))
                .hasCauseInstanceOf(ValueInstantiationException.class)
                .hasRootCauseMessage("limit must be >= 0, got -1");
    }

    @Test
    void queryIdFromUuidIsLowercase() {
        UUID id = UUID.fromString("0B9F6C1E-2D4A-4E8B-A1C3-7E5D9F0A2B4C");
        assertThat(QueryRequest.builder().statement("x").queryId(id).build().queryId())
                .isEqualTo("0b9f6c1e-2d4a-4e8b-a1c3-7e5d9f0a2b4c");
    }

    @Test
    void mutateCopiesEveryFieldAndChangesOnlyWhatIsSet() {
        QueryRequest original = full();
        assertThat(original.mutate().build()).isEqualTo(original);
        QueryRequest changed = original.mutate().limit(null).statement("SELECT 2").build();
        assertThat(changed.limit()).isNull();
        assertThat(changed.statement()).isEqualTo("SELECT 2");
        assertThat(changed.offset()).isEqualTo(0L);
        assertThat(original.limit()).isEqualTo(10L);
    }

    @Test
    void roundTripsThroughTheWire() {
        QueryRequest noCache = full().mutate().cache(null).build();
        assertThat(Wire.read(Wire.write(noCache), QueryRequest.class)).isEqualTo(noCache);
    }
}
