package ai.altertable.reactive.rest;

/** How rows from a {@code Flux} are encoded on the fly for {@code upload} and {@code upsert}. */
public enum RowFormat {
    /** One JSON object per line ({@code Content-Type: application/json}; the server reads NDJSON). */
    NDJSON("application/json"),
    /** A header line from the first row's fields, then one RFC 4180 line per row ({@code text/csv}). */
    CSV("text/csv");

    private final String contentType;

    RowFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
