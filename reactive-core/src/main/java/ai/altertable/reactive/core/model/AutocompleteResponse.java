package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code POST /autocomplete} (protocol §9.3), returned by the {@code autocomplete} operation.
 *
 * <p>Wire shape, in this order, all keys always written:
 * {@code {"suggestions":[…],"statement":"SEL","connections_errors":{}}}. The mock orders suggestions alphabetically by
 * text (not by relevance) and echoes the <em>trimmed</em> statement. On read, missing lists and maps are empty.
 * A database failure is not this shape but a 400 text/plain.
 *
 * @param suggestions       the completions; never {@code null}
 * @param statement         the trimmed statement
 * @param connectionsErrors {@code connections_errors}; never {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"suggestions", "statement", "connections_errors"})
public record AutocompleteResponse(
        @JsonProperty("suggestions") List<Suggestion> suggestions,
        @JsonProperty("statement") String statement,
        @JsonProperty("connections_errors") Map<String, String> connectionsErrors) {

    /** Normalizes {@code null} collections to empty ones and copies them, keeping their order. */
    public AutocompleteResponse {
        suggestions = suggestions == null || suggestions.isEmpty() ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(suggestions));
        connectionsErrors = connectionsErrors == null || connectionsErrors.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(connectionsErrors));
    }

    /** An answer as the mock writes it: the given suggestions, no connection errors. */
    public static AutocompleteResponse of(String statement, List<Suggestion> suggestions) {
        return new AutocompleteResponse(suggestions, statement, Map.of());
    }
}
