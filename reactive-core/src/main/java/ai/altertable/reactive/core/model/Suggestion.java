package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One completion in an {@link AutocompleteResponse} ({@code POST /autocomplete}, protocol §9.3).
 *
 * <p>Wire shape, in this order: {@code suggestion}, {@code suggestion_start}, {@code suggestion_type},
 * {@code suggestion_score} (always written), then {@code extra_char}, <b>omitted</b> when {@code null}.
 *
 * <p>{@code suggestion_type} is a plain string, not an enum: no document lists its values, the official mock always
 * sends {@code ""}, and a string keeps both {@code ""} and whatever production sends, byte for byte.
 * {@code suggestion_score} is an integer, as the mock writes it (always {@code 0} there); should a server send a
 * fractional score, Jackson's default {@code ACCEPT_FLOAT_AS_INT} truncates it rather than failing.
 *
 * @param suggestion      the text to insert, often with a trailing space
 * @param suggestionStart {@code suggestion_start}: the character offset in the statement where it starts
 * @param suggestionType  {@code suggestion_type}; {@code ""} on the mock
 * @param suggestionScore {@code suggestion_score}; {@code 0} on the mock
 * @param extraChar       {@code extra_char}, or {@code null}; never sent by the mock
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"suggestion", "suggestion_start", "suggestion_type", "suggestion_score", "extra_char"})
public record Suggestion(
        @JsonProperty("suggestion") String suggestion,
        @JsonProperty("suggestion_start") Integer suggestionStart,
        @JsonProperty("suggestion_type") String suggestionType,
        @JsonProperty("suggestion_score") Long suggestionScore,
        @JsonProperty("extra_char") @JsonInclude(JsonInclude.Include.NON_NULL) String extraChar) {

    /** A suggestion as the mock writes it: type {@code ""}, score {@code 0}, no {@code extra_char}. */
    public static Suggestion of(String suggestion, int suggestionStart) {
        return new Suggestion(suggestion, suggestionStart, "", 0L, null);
    }
}
