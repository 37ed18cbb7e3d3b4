package ai.altertable.reactive.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code POST /autocomplete}: {@link AutocompleteRequest}, {@link AutocompleteResponse}, {@link Suggestion} (§9.3). */
class AutocompleteTest {

    /** Protocol §9.3, the documented response. */
    private static final String DOC_EXAMPLE = "{\"suggestions\":[{\"suggestion\":\"SELECT \",\"suggestion_start\":0,"
            + "\"suggestion_type\":\"\",\"suggestion_score\":0}],\"statement\":\"SEL\",\"connections_errors\":{}}";

    @Test
    void decodesTheDocumentedResponse() {
        AutocompleteResponse r = Wire.assertRoundTrip(DOC_EXAMPLE, AutocompleteResponse.class);
        assertThat(r.statement()).isEqualTo("SEL");
        assertThat(r.suggestions()).containsExactly(new Suggestion("SELECT ", 0, "", 0L, null));
    }

    @Test
    void writesTheDocumentedResponseByteForByte() {
        Wire.assertWrites(AutocompleteResponse.of("SEL", List.of(Suggestion.of("SELECT ", 0))), DOC_EXAMPLE);
    }

    @Test
    void extraCharIsWrittenLastWhenPresent() {
        Wire.assertWrites(new Suggestion("users", 14, "table", 3L, "."),
                "{\"suggestion\":\"users\",\"suggestion_start\":14,\"suggestion_type\":\"table\","
                        + "\"suggestion_score\":3,\"extra_char\":\".\"}");
    }

    @Test
    void anySuggestionTypeSurvivesAsText() {
        Suggestion s = Wire.read("{\"suggestion\":\"x\",\"suggestion_type\":\"brand-new-kind\",\"rank\":1}",
                Suggestion.class);
        assertThat(s.suggestionType()).isEqualTo("brand-new-kind");
        assertThat(s.suggestionStart()).isNull();
    }

    @Test
    void missingKeysDecodeAsEmpty() {
        AutocompleteResponse r = Wire.read("{\"statement\":\"SEL\"}", AutocompleteResponse.class);
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.connectionsErrors()).isEmpty();
        assertThat(Wire.write(r)).isEqualTo("{\"suggestions\":[],\"statement\":\"SEL\",\"connections_errors\":{}}");
    }

    @Test
    void requestWritesOnlySetFieldsInOrder() {
        Wire.assertWrites(AutocompleteRequest.of("SEL"), "{\"statement\":\"SEL\"}");
        Wire.assertWrites(AutocompleteRequest.builder().maxSuggestions(5).sessionId("s").schema("main")
                        .catalog("memory").statement("SEL").build(),
                "{\"statement\":\"SEL\",\"catalog\":\"memory\",\"schema\":\"main\",\"session_id\":\"s\","
                        + "\"max_suggestions\":5}");
    }

    @Test
    void requestRoundTrips() {
        AutocompleteRequest r = AutocompleteRequest.builder().statement("SEL").maxSuggestions(0).build();
        assertThat(Wire.read(Wire.write(r), AutocompleteRequest.class)).isEqualTo(r);
        assertThat(r.mutate().build()).isEqualTo(r);
    }

    @Test
    void negativeMaxSuggestionsIsRejected() {
        assertThatThrownBy(() -> AutocompleteRequest.builder().statement("SEL").maxSuggestions(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_suggestions must be >= 0, got -1");
        assertThatThrownBy(() -> Wire.read("{\"statement\":\"SEL\",\"max_suggestions\":-3}", AutocompleteRequest.class))
                .hasRootCauseMessage("max_suggestions must be >= 0, got -3");
    }

    @Test
    void requestNeedsAStatement() {
        assertThatThrownBy(() -> AutocompleteRequest.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("statement is required");
    }

    @ParameterizedTest
    @CsvSource(value = {"null,20", "0,20", "1,1", "200,200", "201,200", "2147483647,200"}, nullValues = "null")
    void effectiveMaxSuggestionsFollowsTheMock(Integer requested, int effective) {
        assertThat(new AutocompleteRequest("SEL", null, null, null, requested).effectiveMaxSuggestions())
                .isEqualTo(effective);
    }
}
