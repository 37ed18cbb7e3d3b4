package ai.altertable.reactive.flight;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.model.TableRef;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a bulk ingest ({@code DoPut CommandStatementIngest}) writes: the target table, the
 * {@link TableDefinition}, the upsert keys, and how rows are cut into record batches.
 *
 * <p><b>Target.</b> Catalog and schema are sent explicitly when set. When they are not, the client's configured
 * {@link SessionOptions} catalog and schema are sent if any (the server does <em>not</em> apply session options to
 * ingest; its own default is {@code memory.main}). A missing schema is created by the server; a missing catalog is not.
 *
 * <p><b>Upsert.</b> A non-empty {@link Builder#primaryKey(List) primary key} turns the ingest into an upsert (a
 * {@code MERGE} on the key columns, matched by name); {@link Builder#cursorField(List) cursor fields} pick the surviving
 * row among duplicates and decide whether a matched row is updated (only when the incoming cursor is strictly greater).
 * Both are sent as JSON arrays in the command's options.
 *
 * <p><b>Batches.</b> {@link #batching()} is honoured in full, as by REST's {@code appendAll}: rows given to
 * {@link FlightSession#ingestRows} are cut by the batching engine into batches of at most
 * {@link BatchingOptions#maxRows()} rows and about {@link BatchingOptions#maxBytes()} estimated bytes of Arrow buffers,
 * or after {@link BatchingOptions#linger()} of waiting for more rows; record batches given to
 * {@link FlightSession#ingest} are sliced when over {@code maxRows} or {@code maxBytes}. Each batch is one
 * {@code DoPut}, at most {@link BatchingOptions#maxInFlight()} at once, failing and retried as the error policy and
 * delivery guarantee say. Every uploaded message must stay under the server's 4 MiB limit, hence
 * {@value #MAX_BATCH_BYTES} bytes at most for {@code maxBytes}. Immutable; holds no resources (what the ingest itself
 * owns and frees, and what cancelling it does, is described on {@link FlightSession#ingestRows} and
 * {@link FlightSession#ingest}).
 */
public final class IngestOptions {

    /** The server's limit on one uploaded message. */
    public static final int SERVER_MESSAGE_LIMIT_BYTES = 4 * 1024 * 1024;
    /** The largest {@code maxBytes} accepted, leaving room below {@link #SERVER_MESSAGE_LIMIT_BYTES} for metadata. */
    public static final int MAX_BATCH_BYTES = 3 * 1024 * 1024;
    /** Default batching: 65,536 rows, 1 MiB of Arrow buffers, 50 ms linger, one batch in flight, at-most-once, fail fast. */
    public static final BatchingOptions DEFAULT_BATCHING = BatchingOptions.builder()
            .maxRows(65_536).maxBytes(1024 * 1024).linger(Duration.ofMillis(50)).maxInFlight(1).build();

    private final String table;
    private final String catalog;
    private final String schema;
    private final TableDefinition definition;
    private final List<String> primaryKey;
    private final List<String> cursorField;
    private final boolean temporary;
    private final Map<String, String> extraOptions;
    private final BatchingOptions batching;

    private IngestOptions(Builder b) {
        this.table = b.table;
        this.catalog = b.catalog;
        this.schema = b.schema;
        this.definition = b.definition;
        this.primaryKey = List.copyOf(b.primaryKey);
        this.cursorField = List.copyOf(b.cursorField);
        this.temporary = b.temporary;
        this.extraOptions = Map.copyOf(b.extraOptions);
        this.batching = b.batching;
    }

    /** Options for ingesting into {@code table} (catalog and schema from the session options, if any). */
    public static Builder builder(String table) {
        return new Builder(table);
    }

    /** Options for ingesting into {@code table}; its catalog and schema, when set, are sent. */
    public static Builder builder(TableRef table) {
        Builder b = new Builder(table.table());
        b.catalog = table.catalog();
        b.schema = table.schema();
        return b;
    }

    /** Create-or-append into {@code table} with the defaults. */
    public static IngestOptions of(String table) {
        return builder(table).build();
    }

    public Builder mutate() {
        Builder b = new Builder(table);
        b.catalog = catalog;
        b.schema = schema;
        b.definition = definition;
        b.primaryKey = primaryKey;
        b.cursorField = cursorField;
        b.temporary = temporary;
        b.extraOptions = new LinkedHashMap<>(extraOptions);
        b.batching = batching;
        return b;
    }

    public String table() {
        return table;
    }

    /** The catalog, or {@code null} (then the session's, or the server's default). */
    public String catalog() {
        return catalog;
    }

    /** The schema, or {@code null} (then the session's, or the server's default). */
    public String schema() {
        return schema;
    }

    public TableDefinition definition() {
        return definition;
    }

    /** The upsert key columns; empty for a plain append. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** The upsert cursor columns; empty for none. */
    public List<String> cursorField() {
        return cursorField;
    }

    /** Whether the upsert options are set. */
    public boolean isUpsert() {
        return !primaryKey.isEmpty();
    }

    public boolean temporary() {
        return temporary;
    }

    /** Other command options, sent as they are. */
    public Map<String, String> extraOptions() {
        return extraOptions;
    }

    public BatchingOptions batching() {
        return batching;
    }

    @Override
    public String toString() {
        return "IngestOptions[table=" + (catalog == null ? "" : catalog + ".") + (schema == null ? "" : schema + ".")
                + table + ", " + definition + (isUpsert() ? ", primaryKey=" + primaryKey + ", cursorField=" + cursorField
                : "") + ", " + batching + "]";
    }

    /** Builder for {@link IngestOptions}; invalid values fail at {@link #build()}. */
    public static final class Builder {
        private final String table;
        private String catalog;
        private String schema;
        private TableDefinition definition = TableDefinition.CREATE_APPEND;
        private List<String> primaryKey = List.of();
        private List<String> cursorField = List.of();
        private boolean temporary;
        private Map<String, String> extraOptions = new LinkedHashMap<>();
        private BatchingOptions batching = DEFAULT_BATCHING;

        private Builder(String table) {
            this.table = table;
        }

        public Builder catalog(String catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder definition(TableDefinition definition) {
            this.definition = Objects.requireNonNull(definition, "definition");
            return this;
        }

        /** Upsert on these key columns (matched by name). */
        public Builder primaryKey(List<String> columns) {
            this.primaryKey = List.copyOf(columns);
            return this;
        }

        /** As {@link #primaryKey(List)}. */
        public Builder primaryKey(String... columns) {
            return primaryKey(List.of(columns));
        }

        /** Cursor columns of an upsert: the row with the greatest cursor tuple wins. */
        public Builder cursorField(List<String> columns) {
            this.cursorField = List.copyOf(columns);
            return this;
        }

        /** As {@link #cursorField(List)}. */
        public Builder cursorField(String... columns) {
            return cursorField(List.of(columns));
        }

        /** The command's {@code temporary} flag (ignored by the mock; use catalog {@code temp} there). */
        public Builder temporary(boolean temporary) {
            this.temporary = temporary;
            return this;
        }

        /** Another command option, sent as it is. */
        public Builder option(String key, String value) {
            this.extraOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** How rows are cut into batches and written; {@code maxBytes} at most {@value #MAX_BATCH_BYTES}. */
        public Builder batching(BatchingOptions batching) {
            this.batching = Objects.requireNonNull(batching, "batching");
            return this;
        }

        public IngestOptions build() {
            if (table == null || table.isBlank()) {
                throw new ConfigurationException("the ingest needs a table name");
            }
            if (batching.maxBytes() > MAX_BATCH_BYTES) {
                throw new ConfigurationException("batching maxBytes must be at most " + MAX_BATCH_BYTES
                        + " (the server refuses messages over 4 MiB), was " + batching.maxBytes());
            }
            for (String key : List.of("primary_key", "cursor_field")) {
                if (extraOptions.containsKey(key)) {
                    throw new ConfigurationException("set " + key + " with primaryKey(...)/cursorField(...), not option()");
                }
            }
            if (primaryKey.stream().anyMatch(c -> c == null || c.isEmpty())
                    || cursorField.stream().anyMatch(c -> c == null || c.isEmpty())) {
                throw new ConfigurationException("key and cursor column names must not be empty");
            }
            return new IngestOptions(this);
        }
    }
}
