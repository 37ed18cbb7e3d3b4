package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One scanned table in an {@link ExplainResponse} ({@code POST /explain}, protocol §9.2, mock only): one per DuckDB
 * {@code SEQ_SCAN}/{@code DUCKLAKE_SCAN} node of the plan.
 *
 * <p>{@code table_name} and {@code estimated_rows} are always written; {@code filters} is <b>omitted</b> when there are
 * none. Several pushed-down filters arrive joined with {@code " AND "}.
 *
 * @param tableName     {@code table_name}
 * @param estimatedRows {@code estimated_rows}, or {@code null} when missing on read
 * @param filters       the pushed-down filters, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"table_name", "estimated_rows", "filters"})
public record ExplainTable(
        @JsonProperty("table_name") String tableName,
        @JsonProperty("estimated_rows") Long estimatedRows,
        @JsonProperty("filters") @JsonInclude(JsonInclude.Include.NON_NULL) String filters) {

    /** A table without filters. */
    public static ExplainTable of(String tableName, long estimatedRows) {
        return new ExplainTable(tableName, estimatedRows, null);
    }
}
