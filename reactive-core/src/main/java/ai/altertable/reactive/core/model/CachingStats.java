package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code stats.caching} of a {@link QueryLogEntry} (protocol §7, production only): cache hits and misses of the worker
 * that ran the query. Every counter is optional on read ({@code null} when missing) and always written.
 *
 * @param dataHits          {@code data_hits}
 * @param dataMisses        {@code data_misses}
 * @param dataBytesHits     {@code data_bytes_hits}
 * @param dataBytesMisses   {@code data_bytes_misses}
 * @param filehandleHits    {@code filehandle_hits}
 * @param filehandleMisses  {@code filehandle_misses}
 * @param metadataHits      {@code metadata_hits}
 * @param metadataMisses    {@code metadata_misses}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"data_hits", "data_misses", "data_bytes_hits", "data_bytes_misses", "filehandle_hits",
        "filehandle_misses", "metadata_hits", "metadata_misses"})
public record CachingStats(
        @JsonProperty("data_hits") Long dataHits,
        @JsonProperty("data_misses") Long dataMisses,
        @JsonProperty("data_bytes_hits") Long dataBytesHits,
        @JsonProperty("data_bytes_misses") Long dataBytesMisses,
        @JsonProperty("filehandle_hits") Long filehandleHits,
        @JsonProperty("filehandle_misses") Long filehandleMisses,
        @JsonProperty("metadata_hits") Long metadataHits,
        @JsonProperty("metadata_misses") Long metadataMisses) {
}
