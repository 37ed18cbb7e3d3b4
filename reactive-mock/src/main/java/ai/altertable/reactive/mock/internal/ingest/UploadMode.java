package ai.altertable.reactive.mock.internal.ingest;

import java.util.Optional;

/**
 * The {@code mode} of {@code POST /upload}. Wire names are lowercase and case-sensitive; any other value, including
 * the legacy {@code upsert}, is a {@code 400} the HTTP layer reports. A request without {@code mode} uses
 * {@link #DEFAULT}, as the official mock does (the client spec makes the parameter required).
 */
public enum UploadMode {
    /** {@code CREATE TABLE … AS SELECT * FROM <file>}; fails if the table exists. */
    CREATE("create"),
    /** {@code INSERT INTO … BY NAME SELECT * FROM <file>}; the table must exist. */
    APPEND("append"),
    /** Creates an empty table with the file's inferred schema if there is none, then appends by name (mock only). */
    CREATE_APPEND("create_append"),
    /** Drops the table if it exists and recreates it from the file, replacing the schema. */
    OVERWRITE("overwrite");

    /** The mode of a request without a {@code mode} parameter. */
    public static final UploadMode DEFAULT = APPEND;

    private final String wireName;

    UploadMode(String wireName) {
        this.wireName = wireName;
    }

    /** The query-string value, e.g. {@code create_append}. */
    public String wireName() {
        return wireName;
    }

    /** The mode whose wire name is exactly {@code value}; empty for anything else. */
    public static Optional<UploadMode> fromWireName(String value) {
        for (UploadMode mode : values()) {
            if (mode.wireName.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
