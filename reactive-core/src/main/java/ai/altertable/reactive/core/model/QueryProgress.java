package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code progress} object of a {@link QueryLogEntry} (protocol §7). <b>Production only</b> (shape taken from the
 * official Java, Go and Rust models); the official mock never sends it. Every field is optional on read and always
 * written.
 *
 * @param percentage    completion in percent, or {@code null}
 * @param rowsProcessed {@code rows_processed}, or {@code null}
 * @param totalRows     {@code total_rows}, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"percentage", "rows_processed", "total_rows"})
public record QueryProgress(
        @JsonProperty("percentage") Double percentage,
        @JsonProperty("rows_processed") Long rowsProcessed,
        @JsonProperty("total_rows") Long totalRows) {
}
