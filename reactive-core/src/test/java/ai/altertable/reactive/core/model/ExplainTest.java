package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /explain}: {@link ExplainRequest}, {@link ExplainResponse}, {@link ExplainTable} (protocol §9.2). */
class ExplainTest {

    private static final String NO_TABLES = "{\"tables\":[],\"total_files\":0,\"total_bytes\":0,"
            + "\"scanned_files_estimate\":0,\"scanned_bytes_estimate\":0,\"statement\":\"SELECT 1\","
            + "\"connections_errors\":{}}";
    private static final String PLAN = "[{\"name\":\"SEQ_SCAN \",\"children\":[],"
            + "\"extra_info\":{\"Table\":\"t\",\"Estimated Cardinality\":\"3\"}}]";
    private static final String WITH_TABLES = "{\"tables\":[{\"table_name\":\"t\",\"estimated_rows\":3,"
            + "\"filters\":\"id>1 AND id<9\"},{\"table_name\":\"u\",\"estimated_rows\":0}],"
            + "\"statement\":\"SELECT * FROM t, u WHERE id > 1 AND id < 9\",\"plan\":" + PLAN + ","
            + "\"connections_errors\":{}}";
    private static final String FAILURE = "{\"tables\":[],\"statement\":\"SELEC\","
            + "\"error\":\"Parser Error: syntax error at end of input\",\"connections_errors\":{}}";

    @Test
    void requestWritesOnlySetFieldsInOrder() {
        Wire.assertWrites(ExplainRequest.of("SELECT 1"), "{\"statement\":\"SELECT 1\"}");
        Wire.assertWrites(ExplainRequest.builder().statement("SELECT 1").catalog("c").schema("s").sessionId("id")
                        .includePlan(true).build(),
                "{\"statement\":\"SELECT 1\",\"catalog\":\"c\",\"schema\":\"s\",\"session_id\":\"id\","
                        + "\"include_plan\":true}");
    }

    @Test
    void requestDecodesIncludePlanWhenPresentOrAbsent() {
        assertThat(Wire.read("{\"statement\":\"x\",\"include_plan\":false}", ExplainRequest.class).includePlan())
                .isFalse();
        assertThat(Wire.read("{\"statement\":\"x\"}", ExplainRequest.class).includePlan()).isNull();
    }

    @Test
    void requestRejectsAnExplicitNullIncludePlanLikeTheMock() {
        assertThatThrownBy(() -> Wire.read("{\"statement\":\"x\",\"include_plan\":null}", ExplainRequest.class))
                .hasCauseInstanceOf(InvalidNullException.class)
                .hasMessageContaining("include_plan");
    }

    @Test
    void requestAcceptsOnlyABooleanIncludePlan() {
        assertThatThrownBy(() -> Wire.read("{\"statement\":\"x\",\"include_plan\":\"true\"}", ExplainRequest.class))
                .hasCauseInstanceOf(MismatchedInputException.class);
    }

    @Test
    void requestNeedsAStatement() {
        assertThatThrownBy(() -> ExplainRequest.builder().includePlan(true).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("statement is required");
    }

    @Test
    void noTablesMeansZeroTotals() {
        Wire.assertWrites(ExplainResponse.success("SELECT 1", List.of(), null), NO_TABLES);
        ExplainResponse r = Wire.assertRoundTrip(NO_TABLES, ExplainResponse.class);
        assertThat(r.totalFiles()).isZero();
        assertThat(r.plan()).isNull();
        assertThat(r.failed()).isFalse();
    }

    @Test
    void tablesOmitTotals_andFiltersOnlyWhenPresent() {
        List<JsonNode> plan = elements(Wire.read(PLAN, JsonNode.class));
        ExplainResponse built = ExplainResponse.success("SELECT * FROM t, u WHERE id > 1 AND id < 9",
                List.of(new ExplainTable("t", 3L, "id>1 AND id<9"), ExplainTable.of("u", 0)), plan);
        Wire.assertWrites(built, WITH_TABLES);
        ExplainResponse r = Wire.assertRoundTrip(WITH_TABLES, ExplainResponse.class);
        assertThat(r).isEqualTo(built);
        assertThat(r.totalFiles()).isNull();
        assertThat(r.tables().get(1).filters()).isNull();
        assertThat(r.plan().get(0).get("name").asText()).isEqualTo("SEQ_SCAN ");
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.elements().forEachRemaining(nodes::add);
        return nodes;
    }

    @Test
    void failureHasNoTotalsNoPlanAndTheErrorBeforeConnectionErrors() {
        Wire.assertWrites(ExplainResponse.failure("SELEC", "Parser Error: syntax error at end of input"), FAILURE);
        ExplainResponse r = Wire.assertRoundTrip(FAILURE, ExplainResponse.class);
        assertThat(r.failed()).isTrue();
        assertThat(r.tables()).isEmpty();
    }

    @Test
    void missingAndUnknownKeysDecode() {
        ExplainResponse r = Wire.read("{\"statement\":\"x\",\"tables\":[{\"table_name\":\"t\",\"kind\":\"scan\"}],"
                + "\"cost\":1}", ExplainResponse.class);
        assertThat(r.tables()).containsExactly(new ExplainTable("t", null, null));
        assertThat(r.connectionsErrors()).isEmpty();
        assertThat(Wire.read("{}", ExplainResponse.class).tables()).isEmpty();
    }

    @Test
    void anEmptyPlanStaysDistinctFromNoPlan() {
        ExplainResponse r = Wire.read("{\"tables\":[],\"statement\":\"x\",\"plan\":[]}", ExplainResponse.class);
        assertThat(r.plan()).isEmpty();
        assertThat(Wire.write(r)).contains("\"plan\":[]");
    }
}
